//! Answers kept for the generation that made them. A generation never changes and no answer depends on anything
//! but the kb and the request (no clock, no client), so the same GET request gets the same bytes until the next
//! reload: the first asker pays for the evaluation, the next ones are served from here without a worker. The
//! cache belongs to its generation, so a reload drops it whole and no answer of an old kb is ever served.
//!
//! Bounded by bytes (`--cache`): when an answer would pass the bound, everything kept is dropped and filling
//! starts again (the simplest policy that keeps memory flat; the answers people ask for again come back first).

use super::reply::Reply;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// What one entry costs beyond its key and body: the map's slot, the `Arc` and the reply's fields.
const ENTRY_OVERHEAD: usize = 96;

/// The answers of one generation.
pub struct Cache {
    /// The most bytes kept (keys, bodies and overhead); 0: nothing is kept.
    capacity: usize,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    answers: HashMap<String, Arc<Reply>>,
    bytes: usize,
}

impl Cache {
    /// An empty cache holding at most `capacity` bytes.
    pub fn new(capacity: usize) -> Cache {
        Cache { capacity, inner: Mutex::new(Inner::default()) }
    }

    /// The answer kept for `key`.
    pub fn get(&self, key: &str) -> Option<Arc<Reply>> {
        if self.capacity == 0 {
            return None;
        }
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).answers.get(key).cloned()
    }

    /// Keeps `reply` for `key`, when it fits at all.
    pub fn put(&self, key: String, reply: Arc<Reply>) {
        let cost = key.len() + reply.body.len() + ENTRY_OVERHEAD;
        if cost > self.capacity / 4 {
            // An answer this large would crowd out the rest; it is made again when asked again.
            return;
        }
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if inner.bytes + cost > self.capacity {
            *inner = Inner::default();
        }
        if inner.answers.insert(key, reply).is_none() {
            inner.bytes += cost;
        }
    }

    /// The answers kept now.
    pub fn entries(&self) -> usize {
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).answers.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;

    fn reply(size: usize) -> Arc<Reply> {
        Arc::new(Reply { status: StatusCode::OK, kind: super::super::reply::kind::JSON, body: vec![b'x'; size] })
    }

    #[test]
    fn an_answer_kept_is_found_and_the_bound_is_kept() {
        let cache = Cache::new(4_000);
        cache.put("a".into(), reply(100));
        assert_eq!(cache.get("a").map(|r| r.body.len()), Some(100));
        assert!(cache.get("b").is_none());
        for n in 0..100 {
            cache.put(format!("k{n}"), reply(200));
        }
        let inner = cache.inner.lock().unwrap();
        assert!(inner.bytes <= 4_000, "{} bytes kept", inner.bytes);
        assert!(!inner.answers.is_empty());
    }

    #[test]
    fn a_cache_of_size_zero_keeps_nothing_and_a_huge_answer_is_not_kept() {
        let none = Cache::new(0);
        none.put("a".into(), reply(1));
        assert!(none.get("a").is_none());
        let small = Cache::new(1_000);
        small.put("big".into(), reply(900));
        assert!(small.get("big").is_none());
    }
}
