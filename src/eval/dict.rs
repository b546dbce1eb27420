//! The value dictionary of a model: every constant that evaluation meets gets a dense `u32` id, so relations hold
//! packed rows of ids instead of 16-byte values. Ids follow first use, never text: output orders by `ranks`, the
//! position of each id in value order, computed once when answers are sorted.

use crate::value::Value;
use rustc_hash::FxHashMap;

/// A value's dense id within one dictionary.
pub type Id = u32;

/// Dense ids for the values of one model: ids `0..len()` in order of first use.
#[derive(Clone, Debug, Default)]
pub struct Dict {
    ids: FxHashMap<Value, Id>,
    values: Vec<Value>,
}

impl Dict {
    /// The id of `value`, interning it on first use.
    pub fn intern(&mut self, value: Value) -> Id {
        if let Some(&id) = self.ids.get(&value) {
            return id;
        }
        let id = self.values.len() as Id;
        self.values.push(value);
        self.ids.insert(value, id);
        id
    }

    /// The id of `value` if it was interned; a constant never interned matches nothing.
    pub fn get(&self, value: &Value) -> Option<Id> {
        self.ids.get(value).copied()
    }

    /// The value of `id`; panics on an id this dictionary never gave.
    pub fn value(&self, id: Id) -> Value {
        self.values[id as usize]
    }

    /// How many values are interned.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// True when no value is interned.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Appends values interned elsewhere with ids `self.len()..`, in that order (a join's scratch interner).
    pub fn absorb(&mut self, extra: Vec<Value>) {
        for value in extra {
            let id = self.values.len() as Id;
            self.ids.entry(value).or_insert(id);
            self.values.push(value);
        }
    }

    /// For each id, its position in value order (integers, dates, symbols by text): sorting rows by ranks sorts
    /// them as values, with integer comparisons only.
    pub fn ranks(&self) -> Vec<u32> {
        let mut order: Vec<Id> = (0..self.values.len() as Id).collect();
        order.sort_unstable_by(|a, b| self.values[*a as usize].cmp(&self.values[*b as usize]));
        let mut ranks = vec![0; order.len()];
        for (rank, id) in order.into_iter().enumerate() {
            ranks[id as usize] = rank as u32;
        }
        ranks
    }
}

/// A dictionary that can still grow while a join reads the model: values first met in the join (the bounds an
/// interval binding produces) get ids after the base dictionary's, and are appended to it after the pass.
pub struct Scratch<'a> {
    /// The model's dictionary; its ids stay valid here, and new values get ids after them.
    pub base: &'a Dict,
    extra: std::cell::RefCell<(FxHashMap<Value, Id>, Vec<Value>)>,
}

impl<'a> Scratch<'a> {
    /// A scratch dictionary over `base`, with no extra value yet.
    pub fn new(base: &'a Dict) -> Scratch<'a> {
        Scratch { base, extra: Default::default() }
    }

    /// The id of `value`: its id in `base`, or a new id after `base`'s (interned here on first use).
    pub fn intern(&self, value: Value) -> Id {
        if let Some(id) = self.base.get(&value) {
            return id;
        }
        let mut extra = self.extra.borrow_mut();
        let (ids, values) = &mut *extra;
        if let Some(&id) = ids.get(&value) {
            return id;
        }
        let id = (self.base.len() + values.len()) as Id;
        values.push(value);
        ids.insert(value, id);
        id
    }

    /// The value of an id from `base` or from this scratch dictionary.
    pub fn value(&self, id: Id) -> Value {
        match (id as usize).checked_sub(self.base.len()) {
            None => self.base.value(id),
            Some(k) => self.extra.borrow().1[k],
        }
    }

    /// The values first met here, in id order, for `Dict::absorb`.
    pub fn into_extra(self) -> Vec<Value> {
        self.extra.into_inner().1
    }
}
