//! A speaker from the words that name them: the name split from its title
//! or role ("Health Minister Fahrettin Koca"), a possessive owner, an
//! article, a parenthesis that repeats the name.

use super::{words, Claimant, Speaker};
use crate::extract::sentences::{clean, ends_phrase};

/// A claimant of the words `start..end`, the name split from its title.
pub(super) fn claimant(words: &[&str], lower: &[String], start: usize, end: usize) -> Option<Claimant> {
    if start >= end {
        return None;
    }
    // "Figures from the Red Cross show": the preposition left by a document is not part of the name
    if matches!(lower[start].as_str(), "from" | "by") && start + 1 < end {
        return claimant(words, lower, start + 1, end);
    }
    // a parenthesis repeats the name: "International Organization for Migration (IOM)"
    let owned: Vec<String> = words[start..end]
        .iter()
        .filter(|w| !(w.starts_with('(') && w.trim_end_matches([',', ';', ':', '.']).ends_with(')')))
        .map(|w| name_word(w))
        .collect();
    if owned.is_empty() {
        return None;
    }
    let names: Vec<&str> = owned.iter().map(String::as_str).collect();
    // "the ONS's item-by-item figures", "the court's count": whose the figures are
    let possessor = names.iter().position(|w| w.ends_with("'s") || w.ends_with("\u{2019}s"));
    if let Some(p) = possessor.filter(|&p| {
        p + 1 < names.len()
            && names[p + 1..].iter().all(|w| w.starts_with(char::is_lowercase))
            && words::DOCUMENTS.contains(&lower[end - 1].as_str())
    }) {
        return claimant(words, lower, start, start + p + 1).map(without_possessive);
    }
    // "Eurostat data showed", "a UN report said": the owner of the document
    if end - start >= 2
        && words::DOCUMENTS.contains(&lower[end - 1].as_str())
        && words[end - 1].starts_with(char::is_lowercase)
        && words[end - 2].starts_with(char::is_uppercase)
        && !ends_phrase(words[end - 2])
    {
        return claimant(words, lower, start, end - 1);
    }
    // "the department's Bureau of Labor Statistics", "the state's civil defence agency": the body
    // itself; "the mayor's office" and "the country's disaster agency BNPB" keep the possessive
    let possessive = |w: &str| w.ends_with("'s") || w.ends_with("\u{2019}s");
    if end - start > 3
        && lower[start] == "the"
        && words[start + 1].starts_with(char::is_lowercase)
        && possessive(&lower[start + 1])
    {
        let body = claimant(words, lower, start + 2, end);
        if let Some(body) = body.filter(|b| matches!(&b.speaker, Speaker::Named { affiliation: None, .. })) {
            return Some(body);
        }
    }
    let heads: Vec<&str> =
        names.iter().map(|w| w.trim_end_matches("'s").trim_end_matches("\u{2019}s")).collect();
    // "officials'" as "officials"
    let last = lower[end - 1].trim_end_matches("'s").trim_end_matches("\u{2019}s").trim_end_matches('\'');
    // "according to the same count": whoever gave the count before
    let same_document = end - start >= 3
        && lower[start] == "the"
        && lower[start + 1] == "same"
        && words::DOCUMENTS.contains(&last);
    if same_document {
        return Some(Claimant { speaker: Speaker::Pronoun, first: start, last: end - 1 });
    }
    // "Its early tally listed": the body spoken of before
    let owned_document = words::POSSESSIVES.contains(&lower[start].as_str())
        && end - start >= 2
        && words::DOCUMENTS.contains(&last);
    if owned_document {
        return Some(Claimant { speaker: Speaker::Pronoun, first: start, last: start });
    }
    if end - start == 1 && words::PRONOUNS.contains(&last) {
        return Some(Claimant { speaker: Speaker::Pronoun, first: start, last: end - 1 });
    }
    let dated = heads.iter().enumerate().any(|(k, w)| {
        words::is_time_word(&w.to_lowercase())
            && w.starts_with(char::is_uppercase)
            && !["May", "March"].contains(w)
            && !(names.len() == end - start && first_name(words, lower, start + k))
    });
    if dated {
        return None;
    }
    // "the agency", "the statistics office": an organisation named before
    let described = names[1..].iter().all(|w| w.starts_with(char::is_lowercase));
    if end - start >= 2 && lower[start] == "the" && described && words::ANAPHORS.contains(&last) {
        return Some(Claimant { speaker: Speaker::Anaphor, first: start, last: end - 1 });
    }
    let article = |w: &&&str| ["The", "A", "An"].contains(*w);
    let any_capital = names.iter().skip_while(article).any(|w| w.starts_with(char::is_uppercase));
    if !any_capital {
        // lower-case words name a speaker only when they end in a role: "two officials", "the regional governor"
        // "the ministry of health": the role is the head before "of"
        let head =
            names.iter().position(|w| ["of", "for"].contains(w)).map(|p| lower[start + p - 1].as_str());
        if !is_role(last) && !head.is_some_and(is_role) {
            return None;
        }
    }
    // "the state-run Bakhtar news agency", "the pollster Ipsos": the name, the words describing
    // it kept apart as a role
    let name_at = names.iter().skip(1).position(|w| w.starts_with(char::is_uppercase)).map_or(0, |k| k + 1);
    let described_first = lower[start] == "the"
        && name_at >= 2
        && names[1..name_at].iter().all(|w| w.starts_with(char::is_lowercase) && !is_role(w) && !is_title(w));
    if described_first {
        let (source, affiliation) = split_title(&names[name_at..]);
        let affiliation = affiliation.or_else(|| Some(names[1..name_at].join(" ")));
        return Some(Claimant {
            speaker: Speaker::Named { source, affiliation },
            first: start,
            last: end - 1,
        });
    }
    let (source, affiliation) = split_title(&names);
    Some(Claimant { speaker: Speaker::Named { source, affiliation }, first: start, last: end - 1 })
}

/// Whether the month word at `k` is a first name: "Jan Egeland", not "Jan. 5" or "In October Kyiv".
pub(super) fn first_name(words: &[&str], lower: &[String], k: usize) -> bool {
    matches!(words[k], "Jan" | "June" | "April")
        && !ends_phrase(words[k])
        && words.get(k + 1).is_some_and(|w| w.starts_with(char::is_uppercase))
        && !words::is_time_word(&lower[k + 1])
}

/// The owner named by a possessive: "the ONS's" is the ONS.
pub(super) fn without_possessive(mut c: Claimant) -> Claimant {
    if let Speaker::Named { source, .. } = &mut c.speaker {
        *source =
            source.trim_end_matches("'s").trim_end_matches("\u{2019}s").trim_end_matches('\'').to_string();
    }
    c
}

/// A word of a name without the punctuation around it, keeping the dot of "U.S." and "J.".
pub(super) fn name_word(word: &str) -> String {
    let bare = clean(word);
    let abbreviated = word.trim_end_matches([',', ';', ':']).ends_with('.')
        && !ends_phrase(word.trim_end_matches([',', ';', ':']));
    if abbreviated {
        format!("{bare}.")
    } else {
        bare.to_string()
    }
}

/// Nouns that name someone who can speak.
pub(super) fn is_role(word: &str) -> bool {
    // "unions", "railways": a plural of a role
    words::ROLES.contains(&word) || word.strip_suffix('s').is_some_and(|w| words::ROLES.contains(&w))
}

/// A name and the title or role before it: ("John Kirby", "U.S. National Security Council spokesman").
pub(super) fn split_title(names: &[&str]) -> (String, Option<String>) {
    let mut names: Vec<&str> = names.to_vec();
    // "the Ukrainian Air Force": the article goes with a name, stays with a description
    if names.len() > 1
        && ["the", "a"].contains(&names[0].to_lowercase().as_str())
        && names[1].starts_with(char::is_uppercase)
    {
        names.remove(0);
    }
    // "A shipping ministry official": the indefinite article of a description is no part of
    // who speaks ("an official" stays as written)
    if names.len() > 2 && ["a", "an"].contains(&names[0].to_lowercase().as_str()) {
        names.remove(0);
    }
    // "Economists polled by Reuters": the economists, polled by Reuters
    if let Some(p) =
        names.iter().position(|w| words::POLLED.contains(&w.to_lowercase().as_str())).filter(|&p| p > 0)
    {
        return (names[..p].join(" "), Some(names[p..].join(" ")));
    }
    // "researchers at George Washington University"; "data from the Labor Department": a document is no role
    if let Some(at) = names
        .iter()
        .position(|w| ["at", "of", "from", "by", "for"].contains(w))
        .filter(|&at| at + 1 < names.len())
    {
        let article = |w: &&str| ["a", "an", "the"].contains(&w.to_lowercase().as_str());
        let role: Vec<&str> = names[..at].iter().copied().skip_while(article).collect();
        let owner: Vec<&str> = names[at + 1..].iter().copied().skip_while(article).collect();
        let document =
            !role.is_empty() && role.iter().all(|w| words::DOCUMENTS.contains(&w.to_lowercase().as_str()));
        if document && !owner.is_empty() {
            return (owner.join(" "), None);
        }
        // "the ministry of health" is one name; "researchers at George Washington University" a role and its body
        let owner_named = owner.first().is_some_and(|w| w.starts_with(char::is_uppercase));
        // "the state government of Guerrero" is a body named by its place, not a role of it
        let body_of_place = names[at] == "of"
            && role.last().is_some_and(|w| words::INSTITUTIONS.iter().any(|i| i.eq_ignore_ascii_case(w)));
        // "Analysts at JPMorgan" opening a sentence is a role still
        let role_words = |k: usize, w: &&str| {
            w.starts_with(char::is_lowercase) || k == 0 && w.ends_with('s') && is_role(&w.to_lowercase())
        };
        if owner_named
            && !body_of_place
            && !role.is_empty()
            && role.iter().enumerate().all(|(k, w)| role_words(k, w))
        {
            return (owner.join(" "), Some(role.join(" ")));
        }
    }
    // "Secretary of State Antony Blinken": a title with its office, then a first and last name
    // also "Deputy Commissioner of Police Kanan Desai"
    let n = names.len();
    let office = names.iter().position(|w| ["of", "for"].contains(w)).filter(|&p| (1..=2).contains(&p));
    if let Some(p) = office.filter(|&p| n >= p + 4 && names[..p].iter().all(|w| is_title(w))) {
        if names[p + 1..].iter().all(|w| w.starts_with(char::is_uppercase))
            && !names[n - 2..].iter().any(|w| words::INSTITUTIONS.contains(w))
        {
            return (names[n - 2..].join(" "), Some(names[..n - 2].join(" ")));
        }
    }
    // "Health Minister Othman Abduljalil of the eastern administration": the body after the name is the role's
    if let Some(of) = names.iter().position(|w| ["of", "for", "at"].contains(w)).filter(|&of| of >= 2) {
        if let (name, Some(title)) = split_title(&names[..of]) {
            let person = !name.split(' ').any(|w| words::INSTITUTIONS.contains(&w));
            if person && names[of - 1].starts_with(char::is_uppercase) {
                return (name, Some(format!("{title} {}", names[of..].join(" "))));
            }
        }
    }
    // "Roxy Mathew Koll of the Indian Institute of Tropical Meteorology": a person and their body
    if let Some(of) = names.iter().position(|w| *w == "of").filter(|&of| (2..=4).contains(&of)) {
        let person = names[..of].iter().all(|w| is_name_word(w) && !words::INSTITUTIONS.contains(w));
        let body = names[of + 1..].iter().any(|w| words::INSTITUTIONS.contains(w));
        if person && body {
            let rest = names[of + 1..].iter().skip_while(|w| ["the", "a"].contains(w));
            return (names[..of].join(" "), Some(rest.copied().collect::<Vec<_>>().join(" ")));
        }
    }
    let title = (0..names.len()).rev().find(|&k| {
        let w = names[k];
        // "al-Qidra" is a name, not a lower-case role word
        if is_name_word(w) && w.starts_with(char::is_lowercase) {
            return false;
        }
        let particle = |n: &&str| words::NAME_PARTICLES.contains(n);
        let inside_name = particle(&w)
            && names[..k]
                .iter()
                .rev()
                .find(|n| !particle(n))
                .is_some_and(|n| n.starts_with(char::is_uppercase))
            && names[k + 1..]
                .iter()
                .find(|n| !particle(n))
                .is_some_and(|n| n.starts_with(char::is_uppercase));
        is_title(w)
            || w.starts_with(char::is_lowercase)
                && !inside_name
                && !["of", "for", "in", "at", "and", "the"].contains(&w)
    });
    match title {
        Some(t)
            if t + 1 < names.len()
                && names[t + 1..].iter().all(|w| is_name_word(w) || words::NAME_PARTICLES.contains(w))
                && names.last().is_some_and(|w| is_name_word(w))
                && names.len() - t - 1 <= 4
                && !names[t + 1..].iter().any(|w| words::INSTITUTIONS.contains(w)) =>
        {
            let role =
                names[..=t].iter().skip_while(|w| ["the", "a", "an"].contains(&w.to_lowercase().as_str()));
            (names[t + 1..].join(" "), Some(role.copied().collect::<Vec<_>>().join(" ")))
        }
        _ => (names.join(" "), None),
    }
}

/// A word of a person's name: "Ashraf", and "al-Qidra", "el-Sisi" whose last part is capitalised.
pub(super) fn is_name_word(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        || word.contains('-') && word.rsplit('-').next().is_some_and(|p| p.starts_with(char::is_uppercase))
}

/// A title, or a hyphenated one: "minister", "Director-General", "Under-Secretary-General".
pub(super) fn is_title(word: &str) -> bool {
    let bare = word.trim_end_matches('.').to_lowercase();
    words::TITLES.contains(&bare.as_str())
        || bare.contains('-') && bare.split('-').any(|p| words::TITLES.contains(&p))
}
