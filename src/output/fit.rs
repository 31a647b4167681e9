//! A table made to fit a narrow terminal before comfy-table wraps a cell to
//! a column two characters wide: long names are cut (with "…"), words
//! (figures, notes) are left to wrap but not narrower than a few words,
//! then low-value columns are left out, and the table says which. Figures
//! and dates are never cut: a cut figure would be a different one.

use super::TextRows;
use unicode_width::UnicodeWidthStr;

/// Columns of names that may be cut, down to [`NARROWEST`].
const CUTTABLE: &[&str] = &["metric", "source", "name", "affiliation", "relative", "label", "title", "kind"];

/// Columns of words that comfy-table may wrap, down to [`NARROWEST_WORDS`].
const WRAPPABLE: &[&str] = &["notes", "value", "figure", "stated", "change", "quote", "reason", "consensus"];

/// Wrapped narrower than this, a note or a figure is a word a line.
const NARROWEST_WORDS: usize = 16;

/// When every column that may go is gone: (names, words) still readable.
const LAST_RESORT: (usize, usize) = (8, 10);

/// Columns that may be left out, the least missed first.
const DROPPABLE: &[&str] = &[
    "last_stated",
    "metrics",
    "affiliation",
    "status",
    "relative",
    "unit",
    "kind",
    "stated",
    "change",
    "notes",
];

/// The narrowest a cut column gets: a metric key or a name still tells
/// itself apart.
const NARROWEST: usize = 12;

/// A table fitted to a width.
pub struct Fitted {
    pub rows: TextRows,
    /// The columns left out, to say so under the table.
    pub dropped: Vec<String>,
    /// Each column's width when they all fit; `None` when even the
    /// narrowest table is wider, and comfy-table must wrap as it can.
    pub widths: Option<Vec<usize>>,
}

/// The rows to draw in `width` columns.
pub fn fit(rows: &TextRows, width: usize) -> Fitted {
    let mut rows = rows.clone();
    let mut widths = natural_widths(&rows);
    cut(&rows, &mut widths, width);
    let mut dropped = Vec::new();
    for name in DROPPABLE {
        if total(&widths) <= width {
            break;
        }
        if let Some(i) = rows.columns.iter().position(|c| c == name) {
            remove(&mut rows, &mut widths, i);
            dropped.push(name.to_string());
            // the room freed goes back to columns already cut
            widths = natural_widths(&rows);
            cut(&rows, &mut widths, width);
        }
    }
    if total(&widths) > width {
        // every column that may go is gone: names and words narrower still
        cut_to(&rows, &mut widths, width, LAST_RESORT);
    }
    for (i, &limit) in widths.iter().enumerate() {
        if CUTTABLE.contains(&rows.columns[i].as_str()) {
            for row in &mut rows.cells {
                row[i] = shorten(&row[i], limit);
            }
        }
    }
    let widths = (total(&widths) <= width).then_some(widths);
    Fitted { rows, dropped, widths }
}

/// The width the table takes: each column padded by a space each side, one
/// space between (comfy-table's look in `output`).
fn total(widths: &[usize]) -> usize {
    widths.iter().map(|w| w + 2).sum::<usize>() + widths.len().saturating_sub(1)
}

/// Each column's widest line, header included.
fn natural_widths(rows: &TextRows) -> Vec<usize> {
    let line_width = |cell: &String| cell.split('\n').map(UnicodeWidthStr::width).max().unwrap_or(0);
    (0..rows.columns.len())
        .map(|i| {
            rows.cells.iter().map(|r| line_width(&r[i])).chain([rows.columns[i].width()]).max().unwrap_or(0)
        })
        .collect()
}

/// Narrows the widest column that may be cut or wrapped, one character at
/// a time, until the table fits or none can narrow further.
fn cut(rows: &TextRows, widths: &mut [usize], width: usize) {
    cut_to(rows, widths, width, (NARROWEST, NARROWEST_WORDS))
}

/// As [`cut`], with the narrowest (name, words) widths given.
fn cut_to(rows: &TextRows, widths: &mut [usize], width: usize, (names, words): (usize, usize)) {
    let floor: Vec<usize> = rows
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let least = match c.as_str() {
                c if CUTTABLE.contains(&c) => names,
                c if WRAPPABLE.contains(&c) => words,
                _ => widths[i],
            };
            least.max(c.width()).min(widths[i])
        })
        .collect();
    while total(widths) > width {
        let widest = (0..widths.len()).filter(|&i| widths[i] > floor[i]).max_by_key(|&i| widths[i]);
        match widest {
            Some(i) => widths[i] -= 1,
            None => return,
        }
    }
}

fn remove(rows: &mut TextRows, widths: &mut Vec<usize>, i: usize) {
    rows.columns.remove(i);
    rows.right.remove(i);
    widths.remove(i);
    for row in &mut rows.cells {
        row.remove(i);
    }
}

/// Each line of `cell` cut to `limit` columns, ending in "…" where cut.
fn shorten(cell: &str, limit: usize) -> String {
    let line = |text: &str| {
        if text.width() <= limit {
            return text.to_string();
        }
        let mut kept = String::new();
        for c in text.chars() {
            if kept.width() + c.to_string().width() + 1 > limit {
                break;
            }
            kept.push(c);
        }
        kept.push('…');
        kept
    };
    cell.split('\n').map(line).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> TextRows {
        let mut rows = TextRows::new(&["id", "metric", "value", "unit", "relative"], &["id"]);
        rows.cells.push(vec![
            "2".into(),
            "kursk.area-held-by-ukraine".into(),
            "about 380 square miles".into(),
            "sq mi".into(),
            "change of #2".into(),
        ]);
        rows
    }

    #[test]
    fn a_table_that_fits_is_left_alone() {
        let Fitted { rows: fitted, dropped, .. } = fit(&rows(), 200);
        assert_eq!(fitted.cells, rows().cells);
        assert!(dropped.is_empty());
    }

    #[test]
    fn names_are_cut_words_wrap_and_columns_go_last() {
        // 81 wide: the metric is cut and the figure given fewer columns to wrap in
        let Fitted { rows: fitted, dropped, widths } = fit(&rows(), 70);
        assert!(dropped.is_empty(), "{dropped:?}");
        assert_eq!(fitted.cells[0][1], "kursk.area-held-by…");
        assert_eq!(fitted.cells[0][2], "about 380 square miles", "a figure is never cut");
        assert_eq!(widths.as_deref(), Some(&[2, 19, 18, 5, 12][..]));
        // at their narrowest the columns are still too wide: the least missed one
        // goes, and the room it frees goes back to the others
        let Fitted { rows: fitted, dropped, widths } = fit(&rows(), 50);
        assert_eq!(dropped, ["relative"]);
        assert_eq!(fitted.columns, ["id", "metric", "value", "unit"]);
        let widths = widths.unwrap();
        assert_eq!(total(&widths), 50);
        assert!(widths[1] >= NARROWEST && widths[2] >= NARROWEST_WORDS, "{widths:?}");
        assert!(fitted.cells[0][1].ends_with('…') && fitted.cells[0][1].starts_with("kursk.area-"));
    }

    #[test]
    fn a_table_too_wide_even_so_is_narrowed_to_the_last_resort() {
        let Fitted { dropped, widths, .. } = fit(&rows(), 36);
        assert_eq!(dropped, ["relative", "unit"]);
        assert_eq!(widths.as_deref(), Some(&[2, 12, 14][..]));
        let Fitted { widths, .. } = fit(&rows(), 20);
        assert_eq!(widths, None, "comfy-table wraps what cannot fit");
    }
}
