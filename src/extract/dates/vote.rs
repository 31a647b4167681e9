//! Figures of a vote (votes, seats, shares of the vote, turnout) are of the
//! day it was held, which an article names once ("Saturday's poll", "the
//! election on Sunday", "the Oct. 9 presidential election") and reports on
//! the days after.

use super::days::{month_day, weekday};
use super::tokens;
use chrono::NaiveDate;

/// Words of a vote.
const VOTES: &[&str] =
    &["election", "elections", "poll", "vote", "runoff", "run-off", "ballot", "referendum", "elected"];

/// The day of the vote a sentence names, on or before `stated`: first one
/// written before its noun ("Saturday's poll", "the Oct. 9 presidential
/// election"), else after it ("the election on Sunday", "was elected
/// president on Sunday").
pub fn day_of_vote(words: &[&str], stated: NaiveDate) -> Option<String> {
    let lower = tokens(words);
    // not "the election commission said on Sunday", a body named for the vote
    const BODIES: &[&str] =
        &["commission", "board", "council", "authority", "office", "officials", "monitors"];
    let body = |k: usize| lower.get(k + 1).is_some_and(|w| BODIES.contains(&w.as_str()));
    let votes: Vec<usize> =
        (0..lower.len()).filter(|&k| VOTES.contains(&lower[k].trim_end_matches("'s")) && !body(k)).collect();
    let before = |k: usize| {
        let before = &lower[k.saturating_sub(4)..k];
        let possessive = before.iter().rev().find(|w| w.ends_with("'s"));
        possessive
            .and_then(|w| weekday(std::slice::from_ref(w), stated))
            .or_else(|| month_day(before, stated))
    };
    let after = |k: usize| {
        let clause = lower[k + 1..].iter().take(6).take_while(|w| *w != ",").count();
        let on = (k + 1..=k + clause).find(|&j| lower[j] == "on")?;
        let day = &lower[on + 1..lower.len().min(on + 4)];
        weekday(&day[..1.min(day.len())], stated).or_else(|| month_day(day, stated))
    };
    let day = votes.iter().find_map(|&k| before(k)).or_else(|| votes.iter().find_map(|&k| after(k)));
    day.map(|d| d.to_string())
}

/// Whether the figure ending at word `last` counts a vote: votes, seats, voters or
/// ballots, a share "of the vote", a turnout.
pub fn is_of_vote(words: &[&str], last: usize, unit: Option<&str>) -> bool {
    const COUNTED: &[&str] = &["votes", "seats", "voters", "ballots"];
    let counted = unit.and_then(|u| u.split(' ').next_back()).is_some_and(|u| COUNTED.contains(&u));
    // the words around the figure, not the whole sentence: a wall of text stays linear
    let sentence = tokens(&words[last.saturating_sub(40)..words.len().min(last + 40)]);
    // "The Kuomintang took 52 seats and the DPP 51"
    let in_count = unit.is_none() && sentence.iter().any(|w| COUNTED.contains(&w.as_str()));
    let after = tokens(&words[last + 1..words.len().min(last + 5)]);
    let percent = words[last].contains('%');
    let share = percent && after.iter().any(|w| matches!(w.as_str(), "vote" | "votes" | "ballots"));
    let turnout = percent && sentence.iter().any(|w| w == "turnout");
    counted || in_count || share || turnout
}
