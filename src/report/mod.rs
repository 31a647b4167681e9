//! Reports: figures resolved and traced (timeline arithmetic), the SVG
//! chart and the HTML page.

pub mod estimate;
pub mod intervals;
pub mod layout;
pub mod movements;
pub mod records;
pub mod rules;
pub mod series;
pub mod svg;
pub mod timeline;

/// Text made safe for HTML and SVG, in content and in quoted attributes:
/// control characters (which XML forbids: a VT makes an SVG unreadable) and
/// bidi overrides are shown as `output::inert` shows them, markup escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::output::inert(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
pub mod html;
