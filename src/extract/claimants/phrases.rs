//! The noun phrase that names a speaker, read back from a verb ("U.S.
//! National Security Council spokesman John Kirby said") or forward from
//! "according to", with the apposition or description around it.

use super::names::{claimant, first_name, is_name_word, is_role, is_title, name_word};
use super::{words, Claimant, Speaker};
use crate::extract::sentences::{clean, ends_phrase};

/// "the railways said": a body described in lower-case words right before a
/// verb that only a speaker can be the subject of ("the economy added" is no speaker).
pub(super) fn described_before(words: &[&str], lower: &[String], v: usize) -> Option<Claimant> {
    const ONLY_SPEAKERS: &[&str] =
        &["said", "says", "told", "announced", "stated", "confirmed", "declared", "warned"];
    // "the junta put the number of dead at 1,644": only a speaker puts a figure at a number
    let puts_at =
        matches!(lower[v].as_str(), "put" | "puts") && lower[v + 1..].iter().take(8).any(|w| w == "at");
    if !ONLY_SPEAKERS.contains(&lower[v].as_str()) && !puts_at {
        return None;
    }
    let mut end = v;
    while end > 0 && words::ADVERBS.contains(&lower[end - 1].as_str()) && !ends_phrase(words[end - 1]) {
        end -= 1;
    }
    let the = (end.saturating_sub(4)..end).rev().find(|&k| lower[k] == "the")?;
    let nouns = &words[the + 1..end];
    let plain = |w: &&str| {
        w.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            && !words::NOT_IN_NAME.contains(w)
            && !words::is_time_word(w)
    };
    // "On Saturday the junta put": a time before the speaker opens the phrase too
    let opens = the == 0
        || ends_phrase(words[the - 1])
        || matches!(lower[the - 1].as_str(), "and" | "that")
        || words::is_time_word(&lower[the - 1]);
    if nouns.is_empty() || !nouns.iter().all(plain) || !opens {
        return None;
    }
    let source = words[the..end].iter().map(|w| clean(w)).collect::<Vec<_>>().join(" ");
    Some(Claimant { speaker: Speaker::Named { source, affiliation: None }, first: the, last: end - 1 })
}

/// An unnamed source as described: "A person familiar with the talks said",
/// "one person with knowledge of the plans said" (the article dropped, a
/// count kept: "two officials").
pub(super) fn unnamed_before(words: &[&str], lower: &[String], v: usize) -> Option<Claimant> {
    const WHO: &[&str] =
        &["person", "people", "source", "sources", "official", "officials", "diplomat", "diplomats"];
    let from = v.saturating_sub(10);
    let k = (from..v)
        .rev()
        .take_while(|&k| !ends_phrase(words[k]))
        .find(|&k| WHO.contains(&lower[k].as_str()))?;
    let opener = k.checked_sub(1)?;
    if !matches!(lower[opener].as_str(), "a" | "an" | "one" | "two" | "three" | "several") {
        return None;
    }
    let described = words[k + 1..v].iter().all(|w| w.starts_with(char::is_lowercase));
    let opens = opener == 0 || ends_phrase(words[opener - 1]) || lower[opener - 1] == "and";
    if !described || !opens || k + 1 == v {
        return None;
    }
    let first = if matches!(lower[opener].as_str(), "a" | "an" | "one") { k } else { opener };
    let source = words[first..v].iter().map(|w| clean(w)).collect::<Vec<_>>().join(" ");
    Some(Claimant { speaker: Speaker::Named { source, affiliation: None }, first: opener, last: v - 1 })
}

/// A speaker whose role or a clause about them stands between the name and
/// the verb at `v`: "Tamer Ramadan, head of the Libya delegation, told",
/// "Zafar Iqbal, who heads the flood centre, warned".
pub(super) fn apposed_before(words: &[&str], lower: &[String], v: usize) -> Option<Claimant> {
    // "Valentyn Reznichenko, the military governor of the region, had put": past the auxiliary
    let mut v = v;
    while v > 3
        && matches!(
            lower[v - 1].as_str(),
            "had" | "has" | "have" | "was" | "were" | "also" | "earlier" | "later"
        )
    {
        v -= 1;
    }
    // "its president, Harold Daggett, 78, restated": past the age
    let age = |k: usize| words[k].ends_with(',') && lower[k].chars().all(|c| c.is_ascii_digit());
    if v > 3 && age(v - 1) && words[v - 2].ends_with(',') {
        v -= 1;
    }
    if v < 3 || !words[v - 1].ends_with(',') {
        return None;
    }
    let comma = (v.saturating_sub(25)..v - 1).rev().find(|&k| words[k].ends_with(','))?;
    let opening = lower[comma + 1].as_str();
    let relative =
        matches!(opening, "who" | "whose" | "which") && words[comma + 1].starts_with(char::is_lowercase);
    // "WHO regional director", "Twitter's head of safety": a role may open with its organisation
    let possessive = lower[comma + 1].ends_with("'s") || lower[comma + 1].ends_with("\u{2019}s");
    let owned_role = possessive && words.get(comma + 2).is_some_and(|w| w.starts_with(char::is_lowercase));
    let role = words[comma + 1].starts_with(char::is_lowercase)
        || owned_role
        || is_title(clean(words[v - 1]))
        || is_role(&lower[v - 1]);
    if !(relative || role) {
        return role_then_name(words, lower, comma, v);
    }
    let mut found = phrase_before(words, lower, comma + 1)?;
    // "The Inflation Research Group, known as ENAG, an independent team, put": the name first given
    let known_as = found.first >= 3 && lower[found.first - 1] == "as" && lower[found.first - 2] == "known";
    if known_as && words[found.first - 3].ends_with(',') {
        if let Some(first_name) = phrase_before(words, lower, found.first - 2) {
            found = first_name;
        }
    }
    let Speaker::Named { source, affiliation } = &mut found.speaker else { return None };
    if !source.starts_with(char::is_uppercase) {
        return None;
    }
    if !relative && affiliation.is_none() {
        let role =
            words[comma + 1..v].iter().map(|w| clean(w)).skip_while(|w| ["the", "a", "an"].contains(w));
        *affiliation = Some(role.collect::<Vec<_>>().join(" "));
    }
    // the role is part of the mention; a relative clause may hold figures of its own
    // ("who had given a toll of 132 earlier")
    if !relative {
        found.last = v - 1;
    }
    Some(found)
}

/// The subject of the main verb before word `v`: the words before its first
/// verb in the past ("made", "issued"), read back as a speaker.
pub(super) fn subject(words: &[&str], lower: &[String], v: usize) -> Option<Claimant> {
    let verb = (1..v).find(|&k| {
        let past =
            lower[k].ends_with("ed") && !is_role(&lower[k]) || words::PAST.contains(&lower[k].as_str());
        words[k].starts_with(char::is_lowercase) && past && !ends_phrase(words[k - 1])
    })?;
    phrase_before(words, lower, verb)
}

/// "the mayor of Derna, Abdulmenam al-Ghaithi, said": the name between the
/// commas, the role before them.
pub(super) fn role_then_name(words: &[&str], lower: &[String], comma: usize, v: usize) -> Option<Claimant> {
    let name: Vec<String> = words[comma + 1..v].iter().map(|w| name_word(w)).collect();
    // "al-Ghaithi" is a name word, "de" of "Alexandre de Moraes" too
    let capital = |w: &String| is_name_word(w);
    let is_name = name.len() <= 4
        && name.last().is_some_and(capital)
        && name.iter().all(|w| capital(w) || words::NAME_PARTICLES.contains(&w.as_str()));
    let role = phrase_before(words, lower, comma + 1)?;
    let first = (role.first..=comma).find(|&k| !["the", "a", "an"].contains(&lower[k].as_str()))?;
    if !is_name || !words[first].starts_with(char::is_lowercase) {
        return None;
    }
    let role: Vec<&str> = words[first..=comma].iter().map(|w| clean(w)).collect();
    let speaker = Speaker::Named { source: name.join(" "), affiliation: Some(role.join(" ")) };
    Some(Claimant { speaker, first, last: v - 1 })
}

/// The noun phrase ending right before the verb at `v`: "U.S. National Security Council spokesman John Kirby".
pub(super) fn phrase_before(words: &[&str], lower: &[String], v: usize) -> Option<Claimant> {
    let mut end = v;
    while end > 0 && words::ADVERBS.contains(&lower[end - 1].as_str()) && !ends_phrase(words[end - 1]) {
        end -= 1;
    }
    // "civil protection officials on Friday reported": the day between speaker and verb
    if end >= 3
        && lower[end - 2] == "on"
        && words::is_time_word(&lower[end - 1])
        && !ends_phrase(words[end - 3])
    {
        end -= 2;
    }
    // "state media later in the day reported": a part of the day between speaker and verb
    let in_the_day = |k: usize| {
        lower[k] == "in"
            && matches!(lower[k + 1].as_str(), "the" | "this")
            && words::PARTS_OF_DAY.iter().chain(&["day", "week"]).any(|p| *p == lower[k + 2])
    };
    if end >= 5 && in_the_day(end - 3) && matches!(lower[end - 4].as_str(), "later" | "earlier") {
        end -= 4;
    }
    // "India TV and other outlets reported": the one named
    if end >= 4 && lower[end - 3] == "and" && lower[end - 2] == "other" && !ends_phrase(words[end - 4]) {
        end -= 3;
    }
    // "authorities there said": the role, as written with its place
    if end >= 2 && end == v && lower[end - 1] == "there" && is_role(&lower[end - 2]) {
        let mut c = phrase_before(words, lower, end - 1)?;
        if let Speaker::Named { source, .. } = &mut c.speaker {
            source.push_str(" there");
        }
        c.last = end - 1;
        return Some(c);
    }
    // "A day earlier it had put the toll at 254"
    let adverbs_only = lower[end..v].iter().all(|w| words::ADVERBS.contains(&w.as_str()));
    if end > 0 && adverbs_only && words::PRONOUNS.contains(&lower[end - 1].as_str()) {
        return Some(Claimant { speaker: Speaker::Pronoun, first: end - 1, last: end - 1 });
    }
    let mut start = end;
    while start > 0 && end - start < 9 {
        let j = start - 1;
        let word = clean(words[j]);
        // the word right before the verb may close an apposition: "the UN refugee agency, UNHCR, said"
        if (ends_phrase(words[j]) && j + 1 < end) || word.is_empty() {
            break;
        }
        // "Karen Clark & Co"
        if word == "&" && j > 0 && words[j - 1].starts_with(char::is_uppercase) {
            start = j;
            continue;
        }
        // "Office for National Statistics", "ministry in Gaza"
        // "Office for the Coordination of Humanitarian Affairs"
        let the_after_join = lower[j] == "the" && j > 0 && matches!(lower[j - 1].as_str(), "of" | "for");
        let capital_next = words[j + 1].starts_with(char::is_uppercase)
            || lower[j + 1] == "the" && words.get(j + 2).is_some_and(|w| w.starts_with(char::is_uppercase));
        // "the ministry of health", "a spokesman for the regional administration"
        let of_role = matches!(lower[j].as_str(), "of" | "for") && j > 0 && is_role(&lower[j - 1]);
        // "the health ministry in the Hamas-run territory": a place after "in" is a name, not a description
        let place =
            !matches!(lower[j].as_str(), "in" | "at") || words[end - 1].starts_with(char::is_uppercase);
        let joins = the_after_join && capital_next
            || of_role
            || matches!(lower[j].as_str(), "of" | "for" | "in" | "at" | "from")
                && capital_next
                && place
                && j > 0
                && (words[j - 1].starts_with(char::is_uppercase) || is_role(&lower[j - 1]));
        // "the Ministry of Agriculture and Rural Development", "the Federal Office for Migration and
        // Refugees": "and" inside a body's name
        let and_in_name = lower[j] == "and"
            && j > 0
            && words[j - 1].starts_with(char::is_uppercase)
            && words[j + 1].starts_with(char::is_uppercase)
            && (j.saturating_sub(4)..j).any(|k| {
                matches!(lower[k].as_str(), "of" | "for")
                    && k > 0
                    && words::INSTITUTIONS.contains(&clean(words[k - 1]))
            });
        // "U.S. Customs and Border Protection": a name of several words after the "and"
        let and_before_name = lower[j] == "and"
            && j > 0
            && words[j - 1].starts_with(char::is_uppercase)
            && !ends_phrase(words[j - 1])
            && j + 2 < end
            && words[j + 1..end].iter().all(|w| w.starts_with(char::is_uppercase));
        if and_in_name || and_before_name {
            start = j;
            continue;
        }
        // "Economists polled by Reuters"
        let polled = lower[j] == "by" && j > 0 && words::POLLED.contains(&lower[j - 1].as_str())
            || words::POLLED.contains(&lower[j].as_str()) && lower[j + 1] == "by";
        if joins || polled {
            start = j;
            continue;
        }
        // "In its previous update the agency said": a described speaker opens at its "the"
        let described_so_far = words[j + 1..end].iter().all(|w| w.starts_with(char::is_lowercase));
        let opens_sentence = j == 0
            || !matches!(lower[j - 1].as_str(), "of" | "for" | "at" | "in" | "from")
                && words[j - 1].starts_with(char::is_lowercase);
        if lower[j] == "the" && described_so_far && opens_sentence {
            start = j;
            break;
        }
        // "By current estimates": a function word ends the name even capitalised ("WHO" is a name)
        let acronym = word.len() > 1 && word.chars().all(|c| c.is_ascii_uppercase());
        if words::NOT_IN_NAME.contains(&lower[j].as_str()) && !acronym {
            break;
        }
        let capital = word.starts_with(char::is_uppercase);
        let number_word = matches!(lower[j].as_str(), "two" | "three" | "four" | "several" | "some" | "many");
        let lower_ok = word.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'')
            && !words::NOT_IN_NAME.contains(&lower[j].as_str());
        // a verb in the past ("caused", "killed") ends the speaker's name; "Iran's armed forces" does not
        const ADJECTIVES_IN_ED: &[&str] =
            &["armed", "united", "unnamed", "elected", "allied", "unidentified"];
        let verb = !capital
            && lower[j].ends_with("ed")
            && !is_role(&lower[j])
            && !ADJECTIVES_IN_ED.contains(&lower[j].as_str());
        if !(capital || number_word || lower_ok) || verb || word.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        start = j;
    }
    // "officials in the eastern city of Tobruk said": the speaker is the role, not the place
    if start >= 2 && matches!(lower[start - 1].as_str(), "in" | "at") && is_role(&lower[start - 2]) {
        return phrase_before(words, lower, start - 1);
    }
    // a date or a preposition that starts the phrase is not part of the name: "In October Kyiv"
    let time = |w: &str| words::is_time_word(w) || words::PARTS_OF_DAY.contains(&w);
    while start < end && time(&lower[start]) {
        start += 1;
    }
    claimant(words, lower, start, end)
}

/// The noun phrase starting at word `start`: "the regional governor", "AFAD".
pub(super) fn phrase_after(words: &[&str], lower: &[String], start: usize) -> Option<Claimant> {
    let mut end = start;
    // "Roxy Mathew Koll of the Indian Institute of Tropical Meteorology"
    while end < words.len() && end - start < 12 {
        let word = clean(words[end]);
        let capital = word.starts_with(char::is_uppercase);
        let next_capital = words.get(end + 1).is_some_and(|w| w.starts_with(char::is_uppercase));
        // "the Office for the Coordination", not "Ipsos for the broadcasters"
        let the_name = words.get(end + 1).is_some_and(|w| clean(w) == "the")
            && words.get(end + 2).is_some_and(|w| w.starts_with(char::is_uppercase));
        let joins = matches!(lower[end].as_str(), "of" | "for" | "at" | "from" | "by")
            && (next_capital || the_name)
            // "the ambulance service in Derna", as "the health ministry in Gaza" read back
            || lower[end] == "in" && next_capital && end > start;
        let plain =
            word.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '.') && !word.is_empty();
        let counted = matches!(
            lower[end].as_str(),
            "figures" | "figure" | "count" | "tally" | "total" | "toll" | "number"
        );
        if !plain
            || (!capital
                && !joins
                && !counted
                && words::NOT_IN_NAME.contains(&lower[end].as_str())
                && !matches!(lower[end].as_str(), "the" | "a" | "an"))
        {
            break;
        }
        // "figures released by Eurostat show": the verb after the name ends it
        let verb =
            [words::SPEECH, words::COUNTING, words::PASSIVE].iter().any(|l| l.contains(&lower[end].as_str()));
        if !capital && verb && end > start && clean(words[end - 1]).starts_with(char::is_uppercase) {
            break;
        }
        // "government figures available on Sunday": the document ends the claimant
        if !capital && !joins && end > start && words::DOCUMENTS.contains(&lower[end - 1].as_str()) {
            break;
        }
        if words::is_time_word(&lower[end]) && end == start && !first_name(words, lower, end) {
            return None;
        }
        // "compiled by the Texas Tribune earlier on Sunday": the time after the name ends it
        let time = words::is_time_word(&lower[end])
            && !matches!(lower[end].as_str(), "in" | "on" | "at" | "and" | "but");
        // "given by Murashko late on Friday"
        let late = matches!(lower[end].as_str(), "late" | "early")
            && lower.get(end + 1).is_some_and(|w| w == "on" || w == "in");
        if (time || late) && end > start && words[end].starts_with(char::is_lowercase) {
            break;
        }
        end += 1;
        if ends_phrase(words[end - 1]) {
            break;
        }
    }
    claimant(words, lower, start, end)
}

/// "said Stephane Dujarric, a spokesman for the UN": the role after the name.
pub(super) fn with_apposition(words: &[&str], lower: &[String], mut c: Claimant) -> Claimant {
    let Speaker::Named { affiliation: None, .. } = &c.speaker else { return c };
    let start = c.last + 1;
    if !words[c.last].ends_with(',')
        || !matches!(lower.get(start).map(String::as_str), Some("a" | "an" | "the"))
    {
        return c;
    }
    let Some(end) = (start..words.len().min(start + 8)).find(|&k| ends_phrase(words[k])) else { return c };
    let role: Vec<&str> = words[start + 1..=end].iter().map(|w| clean(w)).collect();
    if !role.first().is_some_and(|w| w.starts_with(char::is_lowercase)) {
        return c;
    }
    if let Speaker::Named { affiliation, .. } = &mut c.speaker {
        *affiliation = Some(role.join(" "));
    }
    c.last = end;
    c
}
