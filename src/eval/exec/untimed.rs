//! The join of two atoms over relations where every row holds always: the shape of most rules that do the heavy
//! work of a closure (`path(X, Z) :- path(X, Y), edge(Y, Z)`). With no days to carry there is no arena, no frame
//! stack and no interval set per match, so the two steps run as two plain loops; a closure of two million pairs
//! spent more instructions walking the general executor's frames than deriving its rows.
//!
//! Same results, in the same order, with the same rows per step, as the general executor (`Exec::run_frames`) on
//! the same plan: only the bookkeeping is skipped, never a check. Anything else goes to the general executor.

use super::{next_candidate, Access, AtomStep, CStep, Exec, Found, Halt};
use crate::eval::dict::Id;
use crate::eval::rel::Rel;

/// The two atom steps of a plan that `run` can take, and their relations; `None` sends the run to the general
/// executor.
pub(super) fn eligible<'e, 'a>(exec: &'e Exec<'a>) -> Option<[(&'e AtomStep<'a>, &'a Rel); 2]> {
    if exec.around.is_some() {
        return None;
    }
    let [CStep::Atom(first), CStep::Atom(second)] = exec.steps.as_slice() else { return None };
    let plain = |atom: &'e AtomStep<'a>| -> Option<(&'e AtomStep<'a>, &'a Rel)> {
        let rel = atom.rel?;
        let untimed = !rel.is_timed() && atom.delta.2.is_empty();
        (untimed && atom.window.is_none() && atom.bounds.is_none()).then_some((atom, rel))
    };
    Some([plain(first)?, plain(second)?])
}

/// Runs the two steps as nested loops (see the module's comment); `env` holds the plan's slots.
pub(super) fn run(
    exec: &Exec,
    [(first, rel0), (second, rel1)]: [(&AtomStep, &Rel); 2],
    env: &mut [Id],
    emit: &mut dyn FnMut(Found) -> bool,
) -> Result<(), Halt> {
    let mut rows = [u32::MAX; 2];
    let mut head = vec![0; exec.head.len()];
    let mut outer = exec.atom_cursor(0, first, env);
    // The guard is polled every 4,096 candidates of either step, as the general executor polls it.
    let mut polled: u32 = 0;
    let mut stopped = || {
        polled = polled.wrapping_add(1);
        polled % 4096 == 0 && exec.guard.should_stop()
    };
    while let Some((r0, _)) = next_candidate(&mut outer, rel0, &[]) {
        if stopped() {
            return Err(Halt::Stopped);
        }
        if !matches(exec, first, rel0.row(r0), env) {
            continue;
        }
        rows[0] = r0;
        let mut cursor = exec.atom_cursor(1, second, env);
        while let Some((r1, _)) = next_candidate(&mut cursor, rel1, &[]) {
            if stopped() {
                return Err(Halt::Stopped);
            }
            if !matches(exec, second, rel1.row(r1), env) {
                continue;
            }
            rows[1] = r1;
            exec.fill(&mut head, env);
            if !emit(Found { head: &head, days: None, env, rows: &rows }) {
                return Err(Halt::Refused);
            }
        }
    }
    Ok(())
}

/// Binds `atom`'s variables from `tuple` and checks its key (for a scan or a delta) and repeated variables, as
/// `Exec::next_atom` does.
#[inline]
fn matches(exec: &Exec, atom: &AtomStep, tuple: &[Id], env: &mut [Id]) -> bool {
    if matches!(atom.access, Access::Delta | Access::ScanKey)
        && !atom.key_cols.iter().zip(&atom.key).all(|(c, o)| tuple[*c] == exec.get(*o, env))
    {
        return false;
    }
    for (col, slot) in &atom.binds {
        env[*slot] = tuple[*col];
    }
    atom.checks.iter().all(|(col, o)| tuple[*col] == exec.get(*o, env))
}

#[cfg(test)]
mod tests {
    use crate::db::Database;
    use crate::eval::days::Days;
    use crate::eval::dict::Scratch;
    use crate::eval::exec::Exec;
    use crate::eval::plan::plan;
    use crate::eval::Delta;

    /// One result: the head's ids, whether it holds on every day, and the row each step matched.
    type Match = (Vec<u32>, bool, Vec<u32>);

    /// Every result of `exec`, through `untimed` and through the general executor.
    fn both(exec: &Exec, what: &str) -> (Vec<Match>, Vec<Match>) {
        let steps = super::eligible(exec).unwrap_or_else(|| panic!("{what}: not a plan the untimed join takes"));
        let (mut fast, mut general) = (Vec::new(), Vec::new());
        fn keep(out: &mut Vec<Match>) -> impl FnMut(super::Found) -> bool + '_ {
            move |found| {
                out.push((found.head.to_vec(), found.days.is_none(), found.rows.to_vec()));
                true
            }
        }
        let mut env = vec![0; exec.slots];
        super::run(exec, steps, &mut env, &mut keep(&mut fast)).expect("runs");
        exec.run_frames(vec![0; exec.slots], Days::Always, &mut keep(&mut general)).expect("runs");
        (fast, general)
    }

    #[test]
    fn the_untimed_join_gives_what_the_general_executor_gives() {
        let facts = "e(1, 2). e(2, 3). e(2, 4). e(3, 1). e(4, 4). e(3, 3). f(2). f(4).\n";
        let rules = [
            "p(X, Z) :- e(X, Y), e(Y, Z).", // a probe on the second atom's first column
            "p(X, Z) :- e(X, Y), e(Z, Y).", // on its second column
            "p(X, Y) :- e(X, X), e(X, Y).", // a repeated variable checked in the first atom
            "p(Y, Z) :- e(2, Y), e(Y, Z).", // a constant in the first atom (a keyed scan)
            "p(X, W) :- e(X, Y), e(Z, W).", // no shared variable: every pair of rows
            "p(X, Y) :- e(X, Y), e(Y, X).", // the second atom's whole tuple bound: a lookup
            "p(X, Y) :- f(X), e(X, Y).",    // two relations
        ];
        for rule in rules {
            let mut db = Database::default();
            let diags = db.load_kb(vec![("t.tkb".into(), format!("{facts}{rule}\n"))]);
            assert!(diags.iter().all(|d| !d.is_error()), "{rule}: {diags:?}");
            let guard = crate::eval::interrupt::Limits::default().start();
            let model = crate::eval::evaluate(&db.store, &db.rules, &db.strata, &guard).expect("evaluates");
            let scratch = Scratch::new(&model.dict);
            let whole = plan(&db.rules[0], 0, None, false);
            let mut rels = model.rels.clone();
            for (pred, mask) in whole.probes() {
                rels.get_mut(&pred).expect("a relation").ensure_index(mask);
            }
            let none = Delta::default();
            let exec = Exec::new(&whole, &rels, &none, &scratch, &guard);
            let (fast, general) = both(&exec, rule);
            assert!(!fast.is_empty(), "{rule}: no result, so nothing is compared");
            assert_eq!(fast, general, "{rule}");
            // A piece of the first step's rows, as a split join runs it.
            let (fast, general) = both(&Exec::new(&whole, &rels, &none, &scratch, &guard).piece(1, 4), rule);
            assert_eq!(fast, general, "{rule}, rows 1..4");
            // The first atom read from a delta: the rows appended by the last pass.
            let first = db.rules[0].body[0].clone();
            let crate::program::Lit::Pos(atom) = first else { panic!("{rule}: a positive first atom") };
            let mut delta = Delta::default();
            delta.entry(atom.pred).or_default().rows = (2, rels[&atom.pred].len() as u32);
            let variant = plan(&db.rules[0], 0, Some(0), true);
            let (fast, general) = both(&Exec::new(&variant, &rels, &delta, &scratch, &guard), rule);
            assert_eq!(fast, general, "{rule}, from a delta");
        }
    }
}
