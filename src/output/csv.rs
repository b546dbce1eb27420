//! Answers as CSV: one row per answer and interval, sources joined with `;`.

use crate::db::Database;
use crate::query::QueryResult;

fn field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

pub fn render_csv(db: &Database, result: &QueryResult) -> String {
    if let Some((name, steps)) = &result.aggregate {
        return super::aggregate::aggregate_csv(db, name, steps);
    }
    let mut header: Vec<String> = result.vars.iter().map(|v| field(v)).collect();
    header.extend(["from", "to", "sources"].map(String::from));
    let mut out = header.join(",") + "\n";
    for answer in &result.answers {
        let values: Vec<String> = answer.values.iter().map(|v| field(&db.show(v))).collect();
        let sources: Vec<&str> = answer.provenance.iter().map(|s| s.source.as_str()).collect();
        for interval in answer.valid.intervals() {
            let (from, to) = interval.json_ends();
            let mut row = values.clone();
            row.extend([from.unwrap_or_default(), to.unwrap_or_default(), field(&sources.join(";"))]);
            out += &(row.join(",") + "\n");
        }
    }
    out
}
