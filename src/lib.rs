//! tkb: a temporal knowledge base with a Datalog-style language, persistent interval storage and provenance.
//!
//! Data flows one way: text → [`syntax`] (spanned tree) → [`program`] (checked program) → [`db`] (the store,
//! rules and strata) → [`eval`] (a model of every derived fact with its validity) → [`query`] (answers, with
//! [`provenance`]) → [`output`]. Modules import only from their own layer and the layers below (ARCHITECTURE.md
//! gives the order; `tests/tidy.rs` enforces it).

pub mod builtin;
pub mod check;
pub mod cli;
pub mod db;
pub mod diag;
pub mod draft;
pub mod eval;
pub mod input;
pub mod lint;
pub mod memory;
pub mod output;
pub mod picture;
pub mod program;
pub mod provenance;
pub mod query;
pub mod repl;
pub mod server;
pub mod session;
pub mod store;
pub mod symbol;
pub mod syntax;
pub mod time;
pub mod tsv;
pub mod value;
