//! The process's heap: how much it holds, counted by [`Counting`] (the binary's global allocator), and how much it
//! may hold (the smallest of the address-space limit, the cgroup's memory limit and the memory available). The
//! memory budget (`--max-memory`, `eval::interrupt::Limits`) is checked against [`held`].
//!
//! The count is kept per thread and handed to one shared atomic in batches of 64 KiB (BENCHMARKS.md measures the
//! cost), so that threads allocating at once do not all write one cache line. A library user who does not install
//! `Counting` gets `held() == 0`, so a memory budget never stops them.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicIsize, Ordering};

/// Bytes allocated through [`Counting`] that the threads have handed over (each keeps up to [`BATCH`] of its own).
static HELD: AtomicIsize = AtomicIsize::new(0);

/// How far a thread's own count may move, either way, before it is added to [`HELD`]: the most by which `held()`
/// can be off for each other thread. A thread that ends keeps what it had not handed over (less than this).
const BATCH: isize = 64 << 10;

thread_local! {
    /// This thread's allocations less its frees since it last added them to [`HELD`]. A constant initialiser and
    /// no destructor: reading it never allocates, so the allocator itself may use it.
    static PENDING: Cell<isize> = const { Cell::new(0) };
}

/// Counts `delta` bytes (negative: freed) on this thread, handing the total over once it passes [`BATCH`].
#[inline]
fn count(delta: isize) {
    let handed = PENDING
        .try_with(|pending| {
            let total = pending.get() + delta;
            if total.abs() >= BATCH {
                pending.set(0);
                total
            } else {
                pending.set(total);
                0
            }
        })
        // Never fails for a constant thread-local without a destructor; if it did, the change goes straight in.
        .unwrap_or(delta);
    if handed != 0 {
        HELD.fetch_add(handed, Ordering::Relaxed);
    }
}

/// The system allocator, counting the bytes it holds: install it with `#[global_allocator]` (the binary does).
/// Blocks of [`HUGE`] or more are also offered huge pages (see [`advise_huge`]).
pub struct Counting;

/// The size from which a block is offered huge pages: the columns and dedup tables of large relations.
const HUGE: usize = 8 << 20;

/// Asks the kernel to back the 2 MiB-aligned part of a large block with transparent huge pages. A relation's dedup
/// table and index chains are read at random: with 4 KiB pages nearly every lookup into a table of tens of MB
/// misses the TLB as well as the cache (a closure of two million pairs spent most of its inserts waiting on page
/// walks). Advice only: where the kernel has no huge pages to give, or does not take advice, nothing changes.
#[inline]
fn advise_huge(p: *mut u8, size: usize) {
    #[cfg(target_os = "linux")]
    if size >= HUGE {
        const PAGE: usize = 2 << 20;
        let start = (p as usize).next_multiple_of(PAGE);
        let end = (p as usize + size) & !(PAGE - 1);
        if start < end {
            // SAFETY: the range lies inside a block the allocator just handed out; MADV_HUGEPAGE changes how
            // pages are backed, never their contents or whether they are mapped.
            unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE) };
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (p, size);
}

// SAFETY: every call is forwarded to `System` with the same arguments; the count is bookkeeping only, and the
// huge-page advice changes no byte of any block.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            count(layout.size() as isize);
            advise_huge(p, layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            count(layout.size() as isize);
            advise_huge(p, layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        count(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            count(new_size as isize - layout.size() as isize);
            advise_huge(p, new_size);
        }
        p
    }
}

/// The bytes the heap holds now: what the threads handed over plus this thread's own (0 when [`Counting`] is not
/// the global allocator). Off by less than 64 KiB for each other thread.
pub fn held() -> u64 {
    let own = PENDING.try_with(Cell::get).unwrap_or(0);
    (HELD.load(Ordering::Relaxed) + own).max(0) as u64
}

/// The default memory budget: what the process may really use, with room to spare for the growth between two
/// polls. `None` when nothing bounds it (no limit found at all).
pub fn default_budget() -> Option<u64> {
    let room =
        [system::address_space_room(), system::cgroup_room(), system::available()].into_iter().flatten().min()?;
    // The heap is not the whole address space (code, stacks, the allocator's own slack), and a relation may double
    // its storage between two polls of the budget: the budget keeps a third of the room for both.
    Some(held() + room / 3 * 2)
}

/// Reads a size: bytes, or a number with `K`, `M`, `G` or `T` (powers of 1024; `B`, `iB` may follow, any case),
/// e.g. `512M`, `1.5G`, `2GiB`, `800000000`.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let bad = || format!("`{text}` is not a size: write bytes, or a number with K, M, G or T (e.g. 512M, 1.5G)");
    let t = text.trim();
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let number: f64 = number.parse().map_err(|_| bad())?;
    let unit = unit.trim().to_ascii_lowercase();
    let unit = unit.strip_suffix("ib").or_else(|| unit.strip_suffix('b')).unwrap_or(&unit);
    let scale: u64 = match unit {
        "" => 1,
        "k" => 1 << 10,
        "m" => 1 << 20,
        "g" => 1 << 30,
        "t" => 1 << 40,
        _ => return Err(bad()),
    };
    let bytes = number * scale as f64;
    if !bytes.is_finite() || bytes < 1.0 || bytes > u64::MAX as f64 {
        return Err(bad());
    }
    Ok(bytes as u64)
}

/// A size for people: `1.5 GiB`, `512.0 MiB`, `900 bytes`.
pub fn show_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = None;
    for u in UNITS {
        if value < 1024.0 {
            break;
        }
        value /= 1024.0;
        unit = Some(u);
    }
    match unit {
        None => format!("{bytes} bytes"),
        Some(u) => format!("{value:.1} {u}"),
    }
}

/// What the operating system says this process may still use.
mod system {
    /// Room left under the soft address-space limit (`ulimit -v`, `prlimit --as`): the limit less what is mapped.
    pub fn address_space_room() -> Option<u64> {
        #[cfg(unix)]
        {
            let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
            // SAFETY: `getrlimit` writes the limit into the struct we own.
            if unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut limit) } != 0 || limit.rlim_cur == libc::RLIM_INFINITY {
                return None;
            }
            // `rlim_t` is `u64` on Linux, another width elsewhere.
            #[allow(clippy::unnecessary_cast)]
            let limit = limit.rlim_cur as u64;
            Some(limit.saturating_sub(mapped()?))
        }
        #[cfg(not(unix))]
        None
    }

    /// The bytes of address space mapped now (the first field of /proc/self/statm, in pages).
    fn mapped() -> Option<u64> {
        let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
        let pages: u64 = statm.split_whitespace().next()?.parse().ok()?;
        Some(pages * page_size())
    }

    fn page_size() -> u64 {
        #[cfg(unix)]
        // SAFETY: `sysconf` only reads a configuration value.
        let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
        #[cfg(not(unix))]
        let size = 4096;
        if size > 0 {
            size as u64
        } else {
            4096
        }
    }

    /// Room left under the cgroup's memory limit (v2 `memory.max`, else v1 `memory.limit_in_bytes`).
    pub fn cgroup_room() -> Option<u64> {
        let read = |path: &str| std::fs::read_to_string(path).ok()?.trim().parse::<u64>().ok();
        let v2 = read("/sys/fs/cgroup/memory.max").map(|max| (max, read("/sys/fs/cgroup/memory.current")));
        let v1 = || {
            let max = read("/sys/fs/cgroup/memory/memory.limit_in_bytes")?;
            Some((max, read("/sys/fs/cgroup/memory/memory.usage_in_bytes")))
        };
        let (max, used) = v2.or_else(v1)?;
        // cgroup v1 writes "no limit" as a huge number near i64::MAX.
        (max < 1 << 60).then(|| max.saturating_sub(used.unwrap_or(0)))
    }

    /// The memory the kernel says can still be used without swapping (`MemAvailable`).
    pub fn available() -> Option<u64> {
        let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
        let line = meminfo.lines().find(|l| l.starts_with("MemAvailable:"))?;
        let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib * 1024)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_follows_allocations_on_this_thread_and_others() {
        // Only this test allocates through `Counting` in the test binary, whose global allocator is the system's.
        let before = held();
        let layout = Layout::from_size_align(1 << 20, 8).expect("layout");
        // SAFETY: freed below with the same layout.
        let p = unsafe { Counting.alloc(layout) };
        assert!(!p.is_null());
        assert_eq!(held(), before + (1 << 20), "this thread's own allocation is counted at once");
        // Small blocks on another thread: each stays under the batch until their total passes it.
        let small = Layout::from_size_align(1000, 8).expect("layout");
        std::thread::spawn(move || {
            // SAFETY: each block is freed below with `small`.
            let blocks: Vec<usize> = (0..200).map(|_| unsafe { Counting.alloc(small) } as usize).collect();
            for b in blocks {
                // SAFETY: allocated just above with `small`.
                unsafe { Counting.dealloc(b as *mut u8, small) };
            }
        })
        .join()
        .expect("thread");
        let after = held() as i64 - (before + (1 << 20)) as i64;
        assert!(after.abs() < BATCH as i64, "another thread's balanced churn leaves the count within a batch: {after}");
        // SAFETY: allocated above with `layout`.
        unsafe { Counting.dealloc(p, layout) };
        assert!((held() as i64 - before as i64).abs() < BATCH as i64);
    }

    #[test]
    fn sizes_read_with_binary_units() {
        assert_eq!(parse_size("800000000"), Ok(800_000_000));
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("1.5G"), Ok(3 << 29));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        assert_eq!(parse_size("64kb"), Ok(64 << 10));
        for bad in ["", "M", "12Q", "-5M", "0", "1e400G", "1.2.3M"] {
            assert!(parse_size(bad).is_err(), "{bad:?} read as a size");
        }
    }

    #[test]
    fn sizes_show_in_the_largest_unit() {
        assert_eq!(show_size(900), "900 bytes");
        assert_eq!(show_size(3 << 29), "1.5 GiB");
        assert_eq!(show_size(512 << 20), "512.0 MiB");
    }
}
