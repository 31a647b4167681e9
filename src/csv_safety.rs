//! Spreadsheet safety for CSV: a text cell that a spreadsheet would run as a
//! formula (it starts with `=`, `+`, `-`, `@`, tab or carriage return) is
//! written with a leading `'`, as OWASP recommends against CSV injection.
//! Reading strips that quote again, so the stored text never changes and a
//! round trip gives the same bytes. Signed numbers ("-40%", "+5") are left
//! as they are: they are data, not formulas.

use std::borrow::Cow;

const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a cell would start a formula if written as it is.
fn needs_guard(text: &str) -> bool {
    match text.chars().next() {
        Some(c) if TRIGGERS.contains(&c) => !is_signed_number(text),
        // a cell that already starts with a guard is guarded again, so that
        // reading strips exactly one quote
        Some('\'') => needs_guard(&text[1..]),
        _ => false,
    }
}

/// "-40%", "+1,000", "-3.5": a sign, digits with commas, a fraction, a percent.
fn is_signed_number(text: &str) -> bool {
    let Some(body) = text.strip_prefix(['-', '+']) else {
        return false;
    };
    let body = body.strip_suffix('%').unwrap_or(body);

    let (whole, fraction) = body.split_once('.').unwrap_or((body, "0"));
    whole.starts_with(|c: char| c.is_ascii_digit())
        && whole.chars().all(|c| c.is_ascii_digit() || c == ',')
        && !fraction.is_empty()
        && fraction.chars().all(|c| c.is_ascii_digit())
}

/// The cell as written to CSV.
pub fn guard(text: &str) -> Cow<'_, str> {
    if needs_guard(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The text a CSV cell stands for.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_guarded_and_numbers_are_not() {
        for (text, written) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1-2", "'+1-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("-2+3", "'-2+3"),
            ("\tx", "'\tx"),
            ("'=1", "''=1"),
            ("-40%", "-40%"),
            ("+1,000", "+1,000"),
            ("-3.5", "-3.5"),
            ("about -40%", "about -40%"),
            ("'quoted'", "'quoted'"),
            ("", ""),
        ] {
            assert_eq!(guard(text), written, "guard of {text:?}");
            assert_eq!(unguard(&guard(text)), text, "round trip of {text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn unguard_undoes_guard(text in "['=+@\\-\\t]{0,3}\\PC{0,8}") {
            let guarded = guard(&text);
            proptest::prop_assert_eq!(unguard(&guarded), text.as_str());

        }
    }
}
