//! `veille_bm25`: FTS5's `bm25()` with the document count of each phrase
//! given by the caller.
//!
//! FTS5's `bm25()` finds how many rows hold each phrase of the query by
//! walking the phrase's whole doclist at every query (`xQueryPhrase`):
//! for a new three-word search on OrangeSum that was ~20% of the search's
//! CPU, more than ranking the matches themselves (`reports/search.md`).
//! The counts only change when the index does, so the store keeps them
//! between queries and hands them over; everything else is FTS5's
//! `bm25()` to the operation (k1 = 1.2, b = 0.75, the same IDF with its
//! floor of 1e-6, column weights, the row's length over the average), so
//! the scores are the same numbers.
//!
//! ```sql
//! SELECT rowid, veille_bm25(search_docs, :counts, 4.0, 1.0)
//! FROM search_docs WHERE search_docs MATCH :expr
//! ```
//!
//! `:counts` is a blob of one little-endian `i64` per phrase of the
//! expression, in the order the phrases appear in it ([`counts_blob`]);
//! the numbers after it weigh the columns, as `bm25()`'s do. A blob of
//! another length is an error, never a silent fallback.

use rusqlite::ffi;
use std::ffi::{c_int, c_void};
use std::ptr;

/// The SQL name of the function.
pub const NAME: &str = "veille_bm25";

/// The counts argument of [`NAME`] for these per-phrase document counts.
pub fn counts_blob(counts: &[i64]) -> Vec<u8> {
    counts.iter().flat_map(|c| c.to_le_bytes()).collect()
}

/// Registers [`NAME`] on `conn` (once per connection).
pub fn register(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    let api = fts5_api(conn)?;
    // SAFETY: `api` is the non-null `fts5_api` of this connection, valid
    // while the connection is open; the name is a NUL-terminated literal
    // copied by FTS5; `bm25` has the signature FTS5 calls and no user data
    // or destructor is given.
    let rc = unsafe {
        match (*api).xCreateFunction {
            Some(create) => create(
                api,
                c"veille_bm25".as_ptr(),
                ptr::null_mut(),
                Some(bm25),
                None,
            ),
            None => ffi::SQLITE_ERROR,
        }
    };
    check(rc)
}

fn check(rc: c_int) -> rusqlite::Result<()> {
    if rc == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(rusqlite::Error::SqliteFailure(
            ffi::Error::new(rc),
            Some(format!("registering {NAME} with FTS5")),
        ))
    }
}

/// The connection's `fts5_api`, found the documented way: `SELECT fts5(?)`
/// with a pointer bound as "fts5_api_ptr".
fn fts5_api(conn: &rusqlite::Connection) -> rusqlite::Result<*mut ffi::fts5_api> {
    let mut api: *mut ffi::fts5_api = ptr::null_mut();
    let mut stmt: *mut ffi::sqlite3_stmt = ptr::null_mut();
    // SAFETY: the handle is the live connection's; the statement is
    // prepared, bound with a pointer to `api` (alive until the statement is
    // finalized below), stepped once and finalized on every path.
    let rc = unsafe {
        let db = conn.handle();
        let mut rc = ffi::sqlite3_prepare_v2(
            db,
            c"SELECT fts5(?1)".as_ptr(),
            -1,
            &mut stmt,
            ptr::null_mut(),
        );
        if rc == ffi::SQLITE_OK {
            rc = ffi::sqlite3_bind_pointer(
                stmt,
                1,
                (&mut api as *mut *mut ffi::fts5_api).cast::<c_void>(),
                c"fts5_api_ptr".as_ptr(),
                None,
            );
        }
        if rc == ffi::SQLITE_OK {
            rc = ffi::sqlite3_step(stmt);
            if rc == ffi::SQLITE_ROW || rc == ffi::SQLITE_DONE {
                rc = ffi::SQLITE_OK;
            }
        }
        ffi::sqlite3_finalize(stmt);
        rc
    };
    check(rc)?;
    if api.is_null() {
        return Err(rusqlite::Error::SqliteFailure(
            ffi::Error::new(ffi::SQLITE_ERROR),
            Some("this SQLite has no FTS5".into()),
        ));
    }
    Ok(api)
}

/// What a query computes once: each phrase's IDF, the average row length,
/// and a buffer for the phrase frequencies of the current row.
struct Query {
    idf: Vec<f64>,
    avgdl: f64,
    freq: Vec<f64>,
}

/// Drops the [`Query`] FTS5 keeps as the query's auxiliary data.
unsafe extern "C" fn drop_query(p: *mut c_void) {
    // SAFETY: `p` is the `Box<Query>` leaked by `query_data`, given back
    // once by FTS5 when the query ends.
    drop(unsafe { Box::from_raw(p.cast::<Query>()) });
}

type Api = ffi::Fts5ExtensionApi;

/// The query's [`Query`], computed and handed to FTS5 on the first row.
///
/// # Safety
/// `api` and `fts` are the arguments FTS5 passed to the function; `counts`
/// is the function's counts argument.
unsafe fn query_data(
    api: &Api,
    fts: *mut ffi::Fts5Context,
    counts: *mut ffi::sqlite3_value,
) -> Result<*mut Query, (c_int, Option<&'static str>)> {
    let (Some(get), Some(set), Some(phrases), Some(rows), Some(total)) = (
        api.xGetAuxdata,
        api.xSetAuxdata,
        api.xPhraseCount,
        api.xRowCount,
        api.xColumnTotalSize,
    ) else {
        return Err((ffi::SQLITE_ERROR, Some("FTS5 API too old")));
    };
    // SAFETY: the FTS5 calls get the context FTS5 gave us; the blob
    // pointer is valid for `bytes` bytes until the next call on the value,
    // and is copied out before any.
    unsafe {
        let kept = get(fts, 0).cast::<Query>();
        if !kept.is_null() {
            return Ok(kept);
        }
        let n = usize::try_from(phrases(fts)).unwrap_or(0);
        let bytes = usize::try_from(ffi::sqlite3_value_bytes(counts)).unwrap_or(0);
        let blob = ffi::sqlite3_value_blob(counts).cast::<u8>();
        if bytes != n * 8 || (n > 0 && blob.is_null()) {
            return Err((
                ffi::SQLITE_MISMATCH,
                Some("veille_bm25: the counts blob must hold one i64 per phrase of the query"),
            ));
        }
        let blob = if n == 0 {
            &[][..]
        } else {
            std::slice::from_raw_parts(blob, bytes)
        };
        let (mut n_row, mut n_token) = (0i64, 0i64);
        let rc = rows(fts, &mut n_row);
        if rc != ffi::SQLITE_OK {
            return Err((rc, None));
        }
        let rc = total(fts, -1, &mut n_token);
        if rc != ffi::SQLITE_OK {
            return Err((rc, None));
        }
        let idf = blob
            .chunks_exact(8)
            .map(|c| {
                let hits = i64::from_le_bytes(c.try_into().expect("8 bytes"));
                // FTS5's bm25(): log((N - n + 0.5) / (n + 0.5)), at least 1e-6
                let idf = (((n_row - hits) as f64 + 0.5) / (hits as f64 + 0.5)).ln();
                if idf <= 0.0 {
                    1e-6
                } else {
                    idf
                }
            })
            .collect();
        let query = Box::into_raw(Box::new(Query {
            idf,
            avgdl: n_token as f64 / n_row as f64,
            freq: vec![0.0; n],
        }));
        let rc = set(fts, query.cast::<c_void>(), Some(drop_query));
        if rc != ffi::SQLITE_OK {
            // FTS5 calls the destructor itself when it cannot keep the data
            return Err((rc, None));
        }
        Ok(query)
    }
}

/// The auxiliary function: `bm25()`'s arithmetic with the given counts.
unsafe extern "C" fn bm25(
    api: *const Api,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    n_val: c_int,
    vals: *mut *mut ffi::sqlite3_value,
) {
    const K1: f64 = 1.2;
    const B: f64 = 0.75;
    // SAFETY: FTS5 passes a valid API table, context and `n_val` values.
    unsafe {
        let api = &*api;
        let fail = |rc: c_int, msg: Option<&str>| match msg {
            Some(m) => ffi::sqlite3_result_error(ctx, m.as_ptr().cast(), m.len() as c_int),
            None => ffi::sqlite3_result_error_code(ctx, rc),
        };
        if n_val < 1 {
            let m = "veille_bm25(table, counts, weights…): the counts blob is missing";
            return fail(ffi::SQLITE_MISUSE, Some(m));
        }
        let vals = std::slice::from_raw_parts(vals, usize::try_from(n_val).unwrap_or(0));
        let query = match query_data(api, fts, vals[0]) {
            Ok(q) => &mut *q,
            Err((rc, msg)) => return fail(rc, msg),
        };
        let weights = &vals[1..];
        let (Some(inst_count), Some(inst), Some(size)) =
            (api.xInstCount, api.xInst, api.xColumnSize)
        else {
            return fail(ffi::SQLITE_ERROR, Some("FTS5 API too old"));
        };
        query.freq.iter_mut().for_each(|f| *f = 0.0);
        let mut n_inst: c_int = 0;
        let rc = inst_count(fts, &mut n_inst);
        if rc != ffi::SQLITE_OK {
            return fail(rc, None);
        }
        for i in 0..n_inst {
            let (mut ip, mut ic, mut io) = (0, 0, 0);
            let rc = inst(fts, i, &mut ip, &mut ic, &mut io);
            if rc != ffi::SQLITE_OK {
                return fail(rc, None);
            }
            let w = usize::try_from(ic)
                .ok()
                .and_then(|c| weights.get(c))
                .map_or(1.0, |v| ffi::sqlite3_value_double(*v));
            if let Some(f) = usize::try_from(ip).ok().and_then(|p| query.freq.get_mut(p)) {
                *f += w;
            }
        }
        let mut n_tok: c_int = 0;
        let rc = size(fts, -1, &mut n_tok);
        if rc != ffi::SQLITE_OK {
            return fail(rc, None);
        }
        let d = f64::from(n_tok);
        let mut score = 0.0;
        for (idf, f) in query.idf.iter().zip(&query.freq) {
            score += idf * ((f * (K1 + 1.0)) / (f + K1 * (1.0 - B + B * d / query.avgdl)));
        }
        // FTS5's bm25() is negated too: lower is better in ORDER BY
        ffi::sqlite3_result_double(ctx, -score);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    fn table() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        conn.execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5(title, body);
             INSERT INTO t VALUES ('barda frappe', 'une frappe sur barda tue des civils');
             INSERT INTO t VALUES ('offensive', 'barda ville de l azerbaidjan');
             INSERT INTO t VALUES ('meteo', 'pluie sur paris');
             INSERT INTO t VALUES ('frappe frappe', 'frappe');",
        )
        .unwrap();
        conn
    }

    fn count(conn: &Connection, phrase: &str) -> i64 {
        conn.query_row("SELECT count(*) FROM t WHERE t MATCH ?1", [phrase], |r| {
            r.get(0)
        })
        .unwrap()
    }

    #[test]
    fn the_scores_are_bm25s_when_the_counts_are_right() {
        let conn = table();
        for expr in [
            "barda",
            "frappe",
            "(barda OR pluie) AND civils",
            "\"frappe sur\"",
            "frappe AND barda",
        ] {
            // phrases in order of appearance
            let phrases: Vec<String> = expr
                .split(['(', ')', ' '])
                .filter(|w| !w.is_empty() && *w != "OR" && *w != "AND")
                .map(str::to_string)
                .collect();
            let phrases = if expr.starts_with('"') {
                vec![expr.to_string()]
            } else {
                phrases
            };
            let counts: Vec<i64> = phrases.iter().map(|p| count(&conn, p)).collect();
            let mut ours = conn
                .prepare("SELECT rowid, veille_bm25(t, ?2, 4.0, 1.0) FROM t WHERE t MATCH ?1 ORDER BY rowid")
                .unwrap();
            let ours: Vec<(i64, f64)> = ours
                .query_map(rusqlite::params![expr, counts_blob(&counts)], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            let mut theirs = conn
                .prepare("SELECT rowid, bm25(t, 4.0, 1.0) FROM t WHERE t MATCH ?1 ORDER BY rowid")
                .unwrap();
            let theirs: Vec<(i64, f64)> = theirs
                .query_map([expr], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            assert!(!theirs.is_empty(), "{expr}");
            assert_eq!(ours, theirs, "{expr}");
        }
    }

    #[test]
    fn other_counts_give_other_scores() {
        let conn = table();
        let score = |c: i64| -> f64 {
            conn.query_row(
                "SELECT veille_bm25(t, ?1, 4.0, 1.0) FROM t WHERE t MATCH 'barda' ORDER BY rowid LIMIT 1",
                [counts_blob(&[c])],
                |r| r.get(0),
            )
            .unwrap()
        };
        // rarer is better (lower), and the IDF floor holds for common terms
        assert!(score(1) < score(2));
        assert_eq!(score(3), score(4));
    }

    #[test]
    fn a_counts_blob_of_the_wrong_length_is_an_error() {
        let conn = table();
        for blob in [vec![], vec![0u8; 7], counts_blob(&[1, 2])] {
            let r: rusqlite::Result<f64> = conn.query_row(
                "SELECT veille_bm25(t, ?1) FROM t WHERE t MATCH 'barda'",
                [blob],
                |r| r.get(0),
            );
            let e = r.unwrap_err().to_string();
            assert!(e.contains("one i64 per phrase"), "{e}");
        }
        let r: rusqlite::Result<f64> = conn.query_row(
            "SELECT veille_bm25(t) FROM t WHERE t MATCH 'barda'",
            [],
            |r| r.get(0),
        );
        assert!(r.unwrap_err().to_string().contains("missing"));
    }
}
