//! Tables computed from the data once and kept until it changes (the country names every answer shows, for
//! one): one value per type, shared by every clone of the database that has not changed since, so the workers
//! of `tkb serve`, each with its own clone of the kb, build such a table once between them.

use rustc_hash::FxHashMap;
use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};

/// The tables of one state of the data. A change to the data gives the database a new, empty `Derived`
/// (`Database::changed`); the clones made before the change keep the old one, which still describes their data.
#[derive(Clone, Default)]
pub struct Derived {
    tables: Arc<Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>>,
}

impl Derived {
    /// The table of type `T`, made by `make` on first use. The lock is not held while `make` runs (it may read
    /// other tables); two threads that ask at once may both make it, and the first one kept is the one shared.
    pub fn get<T: Any + Send + Sync>(&self, make: impl FnOnce() -> T) -> Arc<T> {
        if let Some(found) = self.lookup::<T>() {
            return found;
        }
        let made = Arc::new(make());
        let mut tables = self.tables.lock().unwrap_or_else(|e| e.into_inner());
        let kept = tables.entry(TypeId::of::<T>()).or_insert_with(|| made.clone() as Arc<dyn Any + Send + Sync>);
        // The entry for `TypeId::of::<T>()` only ever holds a `T`; `made` is the same table in any case.
        kept.clone().downcast::<T>().unwrap_or(made)
    }

    fn lookup<T: Any + Send + Sync>(&self) -> Option<Arc<T>> {
        let tables = self.tables.lock().unwrap_or_else(|e| e.into_inner());
        tables.get(&TypeId::of::<T>()).cloned().and_then(|t| t.downcast::<T>().ok())
    }
}

/// A map whose entries are worked out one key at a time and kept for every later question about the same data:
/// the content of a `Derived` table that is filled on demand (wrap it in a type of its own, which names the table).
pub struct KeptMap<K, V>(Mutex<FxHashMap<K, V>>);

impl<K, V> Default for KeptMap<K, V> {
    fn default() -> Self {
        KeptMap(Mutex::new(FxHashMap::default()))
    }
}

impl<K: Hash + Eq, V: Clone> KeptMap<K, V> {
    /// The value kept for `key`, if one has been worked out.
    pub fn get(&self, key: &K) -> Option<V> {
        self.lock().get(key).cloned()
    }

    /// Keeps `value` for `key`; when another thread kept one first, that one stays (both describe the same data).
    pub fn keep(&self, key: K, value: V) {
        self.lock().entry(key).or_insert(value);
    }

    // A thread that panicked while holding the lock left the map as it was: every entry in it is complete.
    fn lock(&self) -> MutexGuard<'_, FxHashMap<K, V>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::Derived;
    use std::cell::Cell;

    #[test]
    fn a_table_is_made_once_and_shared_by_clones() {
        let derived = Derived::default();
        let made = Cell::new(0);
        let make = || {
            made.set(made.get() + 1);
            vec![1, 2, 3]
        };
        let first = derived.get(make);
        let clone = derived.clone();
        let again = clone.get(|| -> Vec<i32> { unreachable!("made once") });
        assert_eq!(made.get(), 1);
        assert!(std::sync::Arc::ptr_eq(&first, &again));
        // Another type is another table.
        assert_eq!(*derived.get(|| String::from("names")), "names");
        // A fresh `Derived` (the data changed) makes it again.
        assert_eq!(*Derived::default().get(|| vec![4]), vec![4]);
    }
}
