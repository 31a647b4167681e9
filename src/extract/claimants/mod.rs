//! Who a sentence says is speaking: "X said", "said X", "according to X",
//! "X told reporters", "X announced", "X put the toll at". A title or role
//! is kept apart from the name ("Health Minister Fahrettin Koca": source
//! Fahrettin Koca, affiliation Health Minister); "he said" is a pronoun for
//! the caller to resolve. A date or a place before the name is not part of it.

mod words;

pub use words::{INSTITUTIONS, STANDS_FOR_ANY};

use crate::extract::sentences::{clean, ends_phrase};

/// Who speaks, as the sentence names them.
#[derive(Debug, Clone, PartialEq)]
pub enum Speaker {
    Named {
        source: String,
        affiliation: Option<String>,
    },
    /// "he", "she": the last named person; "they", "it": the last named speaker.
    Pronoun,
    /// "the agency", "the ministry": the last named organisation.
    Anaphor,
}

/// A speaker and the words naming them (a figure there is not a claim: "two officials").
#[derive(Debug, Clone, PartialEq)]
pub struct Claimant {
    pub speaker: Speaker,
    pub first: usize,
    pub last: usize,
}

/// The speakers a sentence names, in the order they appear.
pub fn find_all(words: &[&str]) -> Vec<Claimant> {
    let lower: Vec<String> = words.iter().map(|w| clean(w).to_lowercase()).collect();
    let mut found: Vec<Claimant> = Vec::new();
    let mut forecasts: Vec<Claimant> = Vec::new();
    for (v, word) in lower.iter().enumerate() {
        if word == "according" && lower.get(v + 1).is_some_and(|w| w == "to") && !ends_phrase(words[v]) {
            // "according to the provisional count published by the directorate": the publisher's
            let by_whom = |c: &Claimant| {
                lower.get(c.last + 2).is_some_and(|w| w == "by")
                    && words::PASSIVE.contains(&lower[c.last + 1].as_str())
            };
            found.extend(phrase_after(words, &lower, v + 2).filter(|c| !by_whom(c)));
        } else if word == "quoted" && !ends_phrase(words[v]) {
            // "The state news agency quoted governor Ali Rahimi as saying that 42 had died"
            let quoted = phrase_after(words, &lower, v + 1)
                .filter(|c| lower.get(c.last + 1).is_some_and(|w| w == "as"))
                .map(|c| with_apposition(words, &lower, c));
            found.extend(quoted);
        } else if lower.get(v + 1).is_some_and(|w| w == "by") && by_whom(&lower, v) {
            // "figures released by the statistics office", "an exit poll by Ipsos"
            found.extend(phrase_after(words, &lower, v + 2));
        } else if FORECASTS.contains(&word.as_str()) && v > 1 && lower[v - 1] == "had" {
            // "the 5.7% economists had pencilled in": whose forecast the figure right before is,
            // not "a stronger showing than most pollsters had predicted"
            let after_figure = |c: &Claimant| {
                let before = |k: usize| c.first.checked_sub(k).map(|k| lower[k].as_str()).unwrap_or("");
                let number = |w: &str| w.starts_with(|ch: char| ch.is_ascii_digit());
                number(before(1)) || before(1) == "that" && number(before(2))
            };
            // "Economists polled by Reuters had forecast 8.2%": the figure after it
            let clause_end = (v..words.len()).find(|&k| ends_phrase(words[k])).unwrap_or(words.len() - 1);
            let figure_after =
                lower[v + 1..=clause_end.max(v)].iter().any(|w| w.starts_with(|c: char| c.is_ascii_digit()));
            forecasts.extend(phrase_before(words, &lower, v - 1).filter(|c| after_figure(c) || figure_after));
        } else if words::SPEECH.contains(&word.as_str())
            && !(v > 0 && ["an", "the", "a"].contains(&lower[v - 1].as_str()))
        {
            let before = apposed_before(words, &lower, v)
                .or_else(|| phrase_before(words, &lower, v))
                .or_else(|| described_before(words, &lower, v))
                .or_else(|| unnamed_before(words, &lower, v))
                // "Green toured the ruins and told reporters": the subject of the first verb
                .or_else(|| {
                    (v > 1 && lower[v - 1] == "and").then(|| subject(words, &lower, v - 1)).flatten()
                });
            // "..., said John Kirby": the speaker after the verb
            let after = (v == 0 || ends_phrase(words[v - 1]))
                .then(|| phrase_after(words, &lower, v + 1))
                .flatten()
                .map(|c| with_apposition(words, &lower, c));
            found.extend(before.or(after));
        } else if words::SAYING.contains(&word.as_str())
            && v > 1
            && words[v - 1].ends_with(',')
            && found.is_empty()
        {
            // "The governor made an appeal on Thursday, saying 5,000 families needed water";
            // after "X said, adding that" the speaker is X already
            found.extend(subject(words, &lower, v));
        }
    }
    // a counting verb names the speaker of a clause that has no verb of saying
    let clause = clauses(words);
    // a clause said by "it" or by an outlet may still name who counted: "The union ... gave 2 million, it said"
    let said_in: std::collections::HashSet<usize> = found
        .iter()
        .filter(|c| c.speaker != Speaker::Pronoun && !is_outlet(c))
        .map(|c| clause[c.first])
        .collect();
    for (v, in_clause) in clause.iter().enumerate().take(lower.len()) {
        if counts(&lower, v) && !said_in.contains(in_clause) {
            found.extend(counter_before(words, &lower, v));
        }
    }
    // "The office put it at 9.9%, and economists had expected 10.2%": the forecasters beside it
    found.extend(forecasts);
    // "Reuters reported that the ministry counted 500": the outlet reports the counter's figure
    if found.iter().any(|c| !is_outlet(c)) {
        found.retain(|c| !is_outlet(c));
    }
    // "The agency's global tally stood at", "the court's figures were": the owner of the figures
    if found.is_empty() {
        found.extend(owner_of_document(words, &lower));
    } else {
        found.extend(estimate_of(words, &lower));
    }
    if found.is_empty() {
        found.extend(headline_credit(words, &lower));
    }
    found.sort_by_key(|c| c.first);
    found.dedup_by_key(|c| c.first);
    found
}

/// Verbs of a forecast after "had": "the 7.3% that analysts had expected".
const FORECASTS: &[&str] = &["expected", "forecast", "predicted", "pencilled", "penciled", "projected"];

/// Whether "by" after the word at `v` names who made a figure: "released
/// by", "a poll by", "a survey carried out by".
fn by_whom(lower: &[String], v: usize) -> bool {
    let word = lower[v].as_str();
    let carried_out = word == "out" && v > 0 && lower[v - 1] == "carried";
    words::PASSIVE.contains(&word) || carried_out || words::DOCUMENTS.contains(&word)
}

/// Whether a sentence has a verb of saying or counting, whoever its subject:
/// "Earlier reports had put the toll at 11,300" gives its figure to someone unnamed.
pub fn attributes(words: &[&str]) -> bool {
    words
        .iter()
        .map(|w| clean(w).to_lowercase())
        .any(|w| words::SPEECH.contains(&w.as_str()) || words::COUNTING.contains(&w.as_str()))
}

/// Whether the word at `v` is a verb whose subject gives a figure: "put",
/// "counted", "raised its count", "set aside".
fn counts(lower: &[String], v: usize) -> bool {
    let next = lower.get(v + 1).map(String::as_str).unwrap_or("");
    words::COUNTING.contains(&lower[v].as_str())
        || words::COUNTING_WITH.iter().any(|(verb, after)| lower[v] == *verb && after.contains(&next))
}

/// The subject of a counting verb: "The CGT union, which organises the
/// marches, gave", "The union is asking for".
fn counter_before(words: &[&str], lower: &[String], v: usize) -> Option<Claimant> {
    let progressive =
        v > 1 && lower[v].ends_with("ing") && matches!(lower[v - 1].as_str(), "is" | "are" | "was" | "were");
    let v = if progressive { v - 1 } else { v };
    apposed_before(words, lower, v)
        .or_else(|| phrase_before(words, lower, v))
        .or_else(|| described_before(words, lower, v))
}

/// A news outlet, which reports what others said: "the state news agency LANA", "Reuters".
fn is_outlet(c: &Claimant) -> bool {
    let Speaker::Named { source, affiliation } = &c.speaker else { return false };
    // "analysts polled by Reuters" are the analysts, not the outlet
    let polled =
        affiliation.as_deref().and_then(|a| a.split(' ').next()).is_some_and(|w| words::POLLED.contains(&w));
    let affiliation = affiliation.as_ref().filter(|_| !polled);
    let words = source.split_whitespace().chain(affiliation.iter().flat_map(|a| a.split_whitespace()));
    words.map(|w| w.trim_end_matches("'s")).any(|w| words::OUTLET_WORDS.contains(&w))
}

/// "the railways said": a body described in lower-case words right before a
/// verb that only a speaker can be the subject of ("the economy added" is no speaker).
fn described_before(words: &[&str], lower: &[String], v: usize) -> Option<Claimant> {
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
fn unnamed_before(words: &[&str], lower: &[String], v: usize) -> Option<Claimant> {
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

/// People a sentence names with a title, speaking or not ("Governor Ana Lima
/// visited"), for a "she said" further on: (name, title).
pub fn titled_people(words: &[&str]) -> Vec<(String, Option<String>)> {
    let mut people = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let title = clean(words[k]).trim_end_matches('.').to_lowercase();
        let capital = words[k].starts_with(char::is_uppercase);
        let run = words[k + 1..].iter().take(3).take_while(|w| w.starts_with(char::is_uppercase)).count();
        if capital && is_title(&title) && run >= 2 && !ends_phrase(words[k]) {
            let name: Vec<String> = words[k + 1..=k + run].iter().map(|w| name_word(w)).collect();
            people.push((name.join(" "), Some(clean(words[k]).to_string())));
            k += run;
        }
        k += 1;
    }
    people
}

/// People a sentence introduces by name and a description, and where:
/// "Kassam Abozeed, a Syrian who lives in Germany, ... who he said had paid":
/// whom a "he said" later in the sentence means.
pub fn described_people(words: &[&str]) -> Vec<(usize, String)> {
    let name = |w: &str| {
        is_name_word(w)
            && !words::INSTITUTIONS.contains(&clean(w))
            && !words::is_time_word(&clean(w).to_lowercase())
    };
    let mut people = Vec::new();
    for k in 1..words.len().saturating_sub(1) {
        let article = matches!(clean(words[k + 1]).to_lowercase().as_str(), "a" | "an");
        if !words[k].ends_with(',') || !article {
            continue;
        }
        let run = (0..k + 1)
            .rev()
            .take(3)
            .take_while(|&j| name(words[j]) && (j == k || !ends_phrase(words[j])))
            .count();
        if run >= 2 {
            let first = k + 1 - run;
            people.push((first, words[first..=k].iter().map(|w| name_word(w)).collect::<Vec<_>>().join(" ")));
        }
    }
    people
}

/// The speaker of a sentence, if it names one: the first.
#[cfg(test)]
pub fn find(words: &[&str]) -> Option<Claimant> {
    find_all(words).into_iter().next()
}

/// The speaker of the figure at word `at` when a sentence names several:
/// the one in the same clause ("Organisers said 2 million marched, while
/// police put the number at 338,000").
/// `clause` is [`clauses`] of the sentence; `claimants` are in order.
pub fn of_figure<'c>(claimants: &'c [Claimant], words: &[&str], clause: &[usize], at: usize) -> Voice<'c> {
    let own = clause[at];
    // ", taking the combined toll to more than 48,000": the writer's sum, no one's claim
    let opening = clause.partition_point(|c| *c < own);
    if own > 0 && matches!(clean(words[opening]).to_lowercase().as_str(), "taking" | "bringing" | "raising") {
        // "..., raising the toll to 120, according to government figures": the sum is theirs
        let said = claimants.iter().find(|c| clause[c.first] == own && c.first > at);
        return said.map_or(Voice::Nobody, Voice::Own);
    }
    if claimants.len() < 2 {
        return Voice::Sentence;
    }
    // "275, not 288 as the state government had announced"; "officials' first estimate of 271"
    let lower = |k: usize| clean(words[k]).to_lowercase();
    // "the 7.3% that analysts polled by Reuters had expected"
    let forecast = |c: &Claimant| {
        (c.first == at + 1 || c.first == at + 2 && lower(at + 1) == "that")
            && c.last + 2 < words.len()
            && lower(c.last + 1) == "had"
            && FORECASTS.contains(&lower(c.last + 2).as_str())
    };
    let own_aside = claimants.iter().find(|c| {
        forecast(c)
            || c.first > at && c.first <= at + 3 && lower(c.first - 1) == "as"
            || c.last + 2 == at
                && lower(c.last + 1) == "of"
                && words::DOCUMENTS.contains(&lower(c.last).as_str())
    });
    if let Some(c) = own_aside {
        return Voice::Own(c);
    }
    if let Some(c) = trailing(claimants, words) {
        return Voice::Own(c);
    }
    let i = claimants.partition_point(|c| clause[c.first] < own);
    match claimants.get(i).filter(|c| clause[c.first] == own) {
        Some(c) => Voice::Own(c),
        None => Voice::Sentence,
    }
}

/// ", WHO said." at the end: the speaker of the whole sentence; also
/// ", WHO said on Sunday, explaining that ...". An "it said" there means
/// the body the sentence opened with when it names one.
fn trailing<'c>(claimants: &'c [Claimant], words: &[&str]) -> Option<&'c Claimant> {
    let last = claimants.last().filter(|c| c.first > 0 && ends_phrase(words[c.first - 1]))?;
    let end = (last.last + 1..words.len()).find(|&k| ends_phrase(words[k])).unwrap_or(words.len() - 1);
    // ", he said, enough to keep the mission running": a phrase with no subject of its own
    const OPENS_CLAUSE: &[&str] = &[
        "the", "a", "an", "and", "but", "while", "he", "she", "it", "they", "we", "i", "this", "that",
        "there",
    ];
    let goes_on = |k: usize| {
        words.get(k + 1).is_some_and(|w| {
            let lower = clean(w).to_lowercase();
            words::SAYING.contains(&lower.as_str())
                || matches!(lower.as_str(), "explaining" | "citing" | "as")
                || w.starts_with(char::is_lowercase) && !OPENS_CLAUSE.contains(&lower.as_str())
        })
    };
    let ends =
        last.last + 3 >= words.len() || end <= last.last + 4 && (end + 1 == words.len() || goes_on(end));
    if !ends {
        return None;
    }
    let opener = claimants.first().filter(|c| c.speaker != Speaker::Pronoun);
    let it = last.speaker == Speaker::Pronoun && matches!(clean(words[last.first]), "it" | "they");
    match opener {
        Some(named) if it => Some(named),
        _ => Some(last),
    }
}

/// The speaker of a sentence: one at its end after a comma ("Liberia
/// reported eight, the agency added."), else the first.
pub fn of_sentence<'c>(claimants: &'c [Claimant], words: &[&str]) -> Option<&'c Claimant> {
    trailing(claimants, words).or(claimants.first())
}

/// Whose a figure is, in a sentence with several speakers.
#[derive(Debug, PartialEq)]
pub enum Voice<'c> {
    /// The sentence's speaker (its first, or the one it refers back to).
    Sentence,
    Own(&'c Claimant),
    Nobody,
}

/// The clause of each word: clauses end at ";" and at ", while", ", but".
pub fn clauses(words: &[&str]) -> Vec<usize> {
    let mut clause = 0;
    let mut out = Vec::with_capacity(words.len());
    for (k, word) in words.iter().enumerate() {
        let starts = k > 0
            && (words[k - 1].ends_with(';')
                || words[k - 1].ends_with(',')
                    && matches!(
                        clean(word).to_lowercase().as_str(),
                        "while" | "whereas" | "but" | "taking" | "bringing" | "raising"
                    ));
        clause += usize::from(starts);
        out.push(clause);
    }
    out
}

/// A speaker whose role or a clause about them stands between the name and
/// the verb at `v`: "Tamer Ramadan, head of the Libya delegation, told",
/// "Zafar Iqbal, who heads the flood centre, warned".
fn apposed_before(words: &[&str], lower: &[String], v: usize) -> Option<Claimant> {
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
    if v < 3 || !words[v - 1].ends_with(',') {
        return None;
    }
    let comma = (v.saturating_sub(25)..v - 1).rev().find(|&k| words[k].ends_with(','))?;
    let opening = lower[comma + 1].as_str();
    let relative =
        matches!(opening, "who" | "whose" | "which") && words[comma + 1].starts_with(char::is_lowercase);
    // "WHO regional director": a role may open with its organisation's name
    let role = words[comma + 1].starts_with(char::is_lowercase)
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

/// The subject of a sentence's first verb in the past: "The Ministry of Health published".
pub fn subject_of(words: &[&str]) -> Option<Claimant> {
    let lower: Vec<String> = words.iter().map(|w| clean(w).to_lowercase()).collect();
    subject(words, &lower, words.len()).filter(|c| c.first == 0 || words::is_time_word(&lower[c.first - 1]))
}

/// The subject of the main verb before word `v`: the words before its first
/// verb in the past ("made", "issued"), read back as a speaker.
fn subject(words: &[&str], lower: &[String], v: usize) -> Option<Claimant> {
    let verb = (1..v).find(|&k| {
        let past =
            lower[k].ends_with("ed") && !is_role(&lower[k]) || words::PAST.contains(&lower[k].as_str());
        words[k].starts_with(char::is_lowercase) && past && !ends_phrase(words[k - 1])
    })?;
    phrase_before(words, lower, verb)
}

/// "the mayor of Derna, Abdulmenam al-Ghaithi, said": the name between the
/// commas, the role before them.
fn role_then_name(words: &[&str], lower: &[String], comma: usize, v: usize) -> Option<Claimant> {
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

/// A headline's speaker after a colon or a dash at its end:
/// "More than 15,900 killed in Gaza: Health Ministry", "Quake toll rises to 6 – NDRRMC".
fn headline_credit(words: &[&str], lower: &[String]) -> Option<Claimant> {
    let dash = |w: &str| matches!(w, "-" | "\u{2013}" | "\u{2014}");
    let mark = (1..words.len()).rev().find(|&k| words[k - 1].ends_with(':') || dash(words[k - 1]))?;
    let credit = &words[mark..];
    let named = credit.len() <= 6
        && credit.iter().any(|w| w.starts_with(char::is_uppercase))
        && credit.iter().all(|w| {
            !w.contains(|c: char| c.is_ascii_digit())
                && (w.starts_with(char::is_uppercase)
                    || words::NAME_PARTICLES.contains(&clean(w))
                    || matches!(clean(w), "of" | "for" | "the" | "and"))
        });
    named.then(|| claimant(words, lower, mark, words.len())).flatten()
}

/// "far more than officials' first estimate of 271": the owner of a document
/// right before the figure it gives, whoever speaks in the sentence; the
/// claimant ends at the document, for [`of_figure`].
fn estimate_of(words: &[&str], lower: &[String]) -> Option<Claimant> {
    let of = (2..words.len().saturating_sub(1)).find(|&k| {
        lower[k] == "of"
            && words::DOCUMENTS.contains(&lower[k - 1].as_str())
            && words[k + 1].starts_with(|c: char| c.is_ascii_digit())
    })?;
    let owner = (of.saturating_sub(4)..of - 1)
        .rev()
        .find(|&k| words[k].ends_with("s'") || lower[k].ends_with("'s"))?;
    let mut c = phrase_before(words, lower, owner + 1).map(without_possessive)?;
    c.last = of - 1;
    Some(c)
}

/// The owner in "X's [latest] figures", in a sentence without a verb of saying.
fn owner_of_document(words: &[&str], lower: &[String]) -> Option<Claimant> {
    let possessive =
        |w: &str| w.ends_with("'s") || w.ends_with("\u{2019}s") || words::POSSESSIVES.contains(&w);
    let owner = (0..words.len()).find(|&k| {
        possessive(&lower[k])
            && (k + 1..words.len().min(k + 4))
                .take_while(|&j| words[j].starts_with(char::is_lowercase))
                .any(|j| words::DOCUMENTS.contains(&lower[j].as_str()))
    })?;
    // "His first count was at least 49": the person spoken of before
    if words::POSSESSIVES.contains(&lower[owner].as_str()) {
        return Some(Claimant { speaker: Speaker::Pronoun, first: owner, last: owner });
    }
    phrase_before(words, lower, owner + 1).map(without_possessive)
}

/// The noun phrase ending right before the verb at `v`: "U.S. National Security Council spokesman John Kirby".
fn phrase_before(words: &[&str], lower: &[String], v: usize) -> Option<Claimant> {
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
    if end > 0 && end == v && words::PRONOUNS.contains(&lower[end - 1].as_str()) {
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
        // "the Ministry of Agriculture and Rural Development": "and" inside a body's name
        let and_in_name = lower[j] == "and"
            && j > 0
            && words[j - 1].starts_with(char::is_uppercase)
            && words[j + 1].starts_with(char::is_uppercase)
            && (j.saturating_sub(4)..j)
                .any(|k| lower[k] == "of" && k > 0 && words::INSTITUTIONS.contains(&clean(words[k - 1])));
        if and_in_name {
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
        if lower[j] == "the"
            && described_so_far
            && j > 0
            && !matches!(lower[j - 1].as_str(), "of" | "for" | "at" | "in" | "from")
            && words[j - 1].starts_with(char::is_lowercase)
        {
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
fn phrase_after(words: &[&str], lower: &[String], start: usize) -> Option<Claimant> {
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
            words::SPEECH.contains(&lower[end].as_str()) || words::COUNTING.contains(&lower[end].as_str());
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
        if time && end > start && words[end].starts_with(char::is_lowercase) {
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
fn with_apposition(words: &[&str], lower: &[String], mut c: Claimant) -> Claimant {
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

/// A claimant of the words `start..end`, the name split from its title.
fn claimant(words: &[&str], lower: &[String], start: usize, end: usize) -> Option<Claimant> {
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
    let (source, affiliation) = split_title(&names);
    Some(Claimant { speaker: Speaker::Named { source, affiliation }, first: start, last: end - 1 })
}

/// Whether the month word at `k` is a first name: "Jan Egeland", not "Jan. 5" or "In October Kyiv".
fn first_name(words: &[&str], lower: &[String], k: usize) -> bool {
    matches!(words[k], "Jan" | "June" | "April")
        && !ends_phrase(words[k])
        && words.get(k + 1).is_some_and(|w| w.starts_with(char::is_uppercase))
        && !words::is_time_word(&lower[k + 1])
}

/// The owner named by a possessive: "the ONS's" is the ONS.
fn without_possessive(mut c: Claimant) -> Claimant {
    if let Speaker::Named { source, .. } = &mut c.speaker {
        *source =
            source.trim_end_matches("'s").trim_end_matches("\u{2019}s").trim_end_matches('\'').to_string();
    }
    c
}

/// A word of a name without the punctuation around it, keeping the dot of "U.S." and "J.".
fn name_word(word: &str) -> String {
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
fn is_role(word: &str) -> bool {
    // "unions", "railways": a plural of a role
    words::ROLES.contains(&word) || word.strip_suffix('s').is_some_and(|w| words::ROLES.contains(&w))
}

/// A name and the title or role before it: ("John Kirby", "U.S. National Security Council spokesman").
fn split_title(names: &[&str]) -> (String, Option<String>) {
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
fn is_name_word(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        || word.contains('-') && word.rsplit('-').next().is_some_and(|p| p.starts_with(char::is_uppercase))
}

/// A title, or a hyphenated one: "minister", "Director-General", "Under-Secretary-General".
fn is_title(word: &str) -> bool {
    let bare = word.trim_end_matches('.').to_lowercase();
    words::TITLES.contains(&bare.as_str())
        || bare.contains('-') && bare.split('-').any(|p| words::TITLES.contains(&p))
}

#[cfg(test)]
mod tests;
