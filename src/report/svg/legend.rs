//! The chart's key: every source drawn in its colour (past forty, how many
//! more), then what each kind of mark means.

use super::{escape, layout, shortened};
use super::{LABEL_SIZE, LEGEND_ROW, MAX_LEGEND_SOURCES, MUTED, PALETTE, PAPER, RIGHT, WIDTH};
use std::fmt::Write;

/// What each kind of mark means, in the key's words.
const KEY: &[&str] =
    &["stated", "derived", "about", "bounds", "open bound", "month, quarter or year", "sources agree"];

/// The key: every source drawn (past forty, how many more), then what
/// the marks mean.
pub(super) struct Legend {
    items: Vec<(Item, usize, f64)>,
}

/// One entry of the key.
enum Item {
    /// A source's colour and name (shortened past 60 characters).
    Source(String, &'static str),
    More(usize),
    Mark(usize),
}

impl Item {
    fn width(&self) -> f64 {
        match self {
            Item::Source(name, _) => 16.0 + layout::text_width(name, LABEL_SIZE),
            Item::More(n) => layout::text_width(&more(*n), LABEL_SIZE),
            Item::Mark(which) => 22.0 + layout::text_width(KEY[*which], LABEL_SIZE),
        }
    }
}

fn more(count: usize) -> String {
    format!("and {count} more sources (in the table)")
}

impl Legend {
    pub(super) fn new(sources: &[String]) -> Legend {
        let width = WIDTH - 20.0 - RIGHT;
        let mut named: Vec<Item> = sources
            .iter()
            .take(MAX_LEGEND_SOURCES)
            .enumerate()
            .map(|(i, s)| Item::Source(shortened(s, 60), PALETTE[i % PALETTE.len()]))
            .collect();
        if sources.len() > MAX_LEGEND_SOURCES {
            named.push(Item::More(sources.len() - MAX_LEGEND_SOURCES));
        }
        let marks: Vec<Item> = (0..KEY.len()).map(Item::Mark).collect();
        let mut items = Vec::new();
        let mut rows = 0;
        // the sources' rows, then the marks' rows
        for (group, gap) in [(named, 16.0), (marks, 14.0)] {
            let widths: Vec<f64> = group.iter().map(Item::width).collect();
            let placed = layout::wrap(&widths, width, gap);
            let next = rows + placed.last().map(|(r, _)| r + 1).unwrap_or(0);
            items.extend(group.into_iter().zip(placed).map(|(item, (row, x))| (item, rows + row, x)));
            rows = next;
        }
        Legend { items }
    }

    pub(super) fn rows(&self) -> usize {
        self.items.last().map(|(_, row, _)| row + 1).unwrap_or(0)
    }

    pub(super) fn draw(&self, svg: &mut String, top: f64) {
        for (item, row, dx) in &self.items {
            let (x, y) = (20.0 + dx, top + *row as f64 * LEGEND_ROW);
            match item {
                Item::Source(name, color) => {
                    let _ = write!(
                        svg,
                        r##"<circle cx="{:.1}" cy="{:.1}" r="4.5" fill="{color}"/><text x="{:.1}" y="{y:.1}" font-size="{LABEL_SIZE}" fill="#222">{}</text>"##,
                        x + 5.0,
                        y - 4.0,
                        x + 14.0,
                        escape(name)
                    );
                }
                Item::More(count) => {
                    let _ = write!(
                        svg,
                        r#"<text x="{x:.1}" y="{y:.1}" font-size="{LABEL_SIZE}" fill="{MUTED}">{}</text>"#,
                        more(*count)
                    );
                }
                Item::Mark(which) => key_item(svg, *which, x, y),
            }
        }
    }
}

/// One kind of mark in the key: its glyph and its words.
fn key_item(svg: &mut String, which: usize, x: f64, y: f64) {
    let (cx, cy) = (x + 8.0, y - 4.0);
    let glyph = match which {
        0 => format!(
            r##"<circle cx="{cx:.1}" cy="{cy:.1}" r="4.5" fill="#666" stroke="#666" stroke-width="2"/>"##
        ),
        1 => format!(
            r##"<circle cx="{cx:.1}" cy="{cy:.1}" r="4.5" fill="{PAPER}" stroke="#666" stroke-width="2"/>"##
        ),
        2 => format!(
            r##"<circle cx="{cx:.1}" cy="{cy:.1}" r="7" fill="none" stroke="#666" stroke-dasharray="2 2"/><circle cx="{cx:.1}" cy="{cy:.1}" r="2.5" fill="#666"/>"##
        ),
        3 => format!(
            r##"<path d="M{cx:.1},{:.1} V{:.1} M{:.1},{:.1} H{:.1} M{:.1},{:.1} H{:.1}" stroke="#666" stroke-width="1.5" fill="none"/>"##,
            cy - 7.0,
            cy + 7.0,
            cx - 4.0,
            cy - 7.0,
            cx + 4.0,
            cx - 4.0,
            cy + 7.0,
            cx + 4.0
        ),
        4 => format!(
            r##"<path d="M{cx:.1},{:.1} V{:.1} M{:.1},{:.1} L{cx:.1},{:.1} L{:.1},{:.1}" stroke="#666" stroke-width="1.5" fill="none"/>"##,
            cy + 6.0,
            cy - 7.0,
            cx - 3.5,
            cy - 2.0,
            cy - 7.0,
            cx + 3.5,
            cy - 2.0
        ),
        5 => format!(
            r##"<rect x="{:.1}" y="{:.1}" width="16" height="6" rx="3" fill="#666" fill-opacity="0.6" stroke="#666"/>"##,
            x,
            cy - 3.0
        ),
        _ => format!(
            r##"<rect x="{:.1}" y="{:.1}" width="16" height="10" fill="#9b8f6a" fill-opacity="0.22" stroke="#9b8f6a" stroke-opacity="0.5"/>"##,
            x,
            cy - 5.0
        ),
    };
    svg.push_str(&glyph);
    let _ = write!(
        svg,
        r#"<text x="{:.1}" y="{y:.1}" font-size="{LABEL_SIZE}" fill="{MUTED}">{}</text>"#,
        x + 20.0,
        KEY[which]
    );
}
