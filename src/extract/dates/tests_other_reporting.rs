//! Rules checked on sentences written for them from the phrasing of other
//! stored wire reporting (collapses, storms, prices, strikes), not from the
//! corpus articles they were tuned on.

use super::*;
use crate::extract::sentences::words;

/// A Tuesday.
fn stated() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 6, 29).unwrap()
}

fn dated(sentence: &str) -> Dated {
    resolve(&words(sentence), stated(), None)
}

fn of(sentence: &str, value: &str, sentence_date: Option<&str>) -> Option<String> {
    let w = words(sentence);
    let at = w.iter().position(|x| x.trim_end_matches([',', '.']) == value).expect(value);
    of_figure(&w, at, at, stated(), sentence_date)
}

#[test]
fn the_day_it_was_said_however_it_is_written() {
    // "late on", "early on" between the verb and the day
    let d = dated("At least 11 people are now confirmed dead, county officials said late on Monday.");
    assert_eq!((d.as_of.as_deref(), d.said.as_deref()), (Some("2021-06-28"), Some("2021-06-28")));
    // the day opens the sentence
    let d = dated("On Monday, the mayor said 136 residents had now been accounted for.");
    assert_eq!(d.as_of.as_deref(), Some("2021-06-28"));
    // a bare "told reporters on Sunday"
    let d = dated("Some 150 people remain unaccounted for, the mayor told reporters on Sunday.");
    assert_eq!(d.said.as_deref(), Some("2021-06-27"));
    // in a statement of that day
    let d = dated("The mayor said in a Monday morning statement that 108 people are still missing.");
    assert_eq!(d.said.as_deref(), Some("2021-06-28"));
    let d = dated("At least 40 homes burned, the county said in a statement Sunday.");
    assert_eq!(d.said.as_deref(), Some("2021-06-27"));
    // an earlier announcement in the same sentence is not when this one was made
    let d = dated("The toll is 12, not 14 as the county had announced on Saturday, the mayor said.");
    assert_eq!(d.as_of, None, "the time of the report, from the text around it");
    assert_eq!(d.said, None);
}

#[test]
fn the_day_of_an_event_is_not_the_day_of_its_toll() {
    // the event in a clause of its own, the toll in the present perfect
    let d =
        dated("The tower that collapsed early on Thursday has killed 11 people, the mayor said on Monday.");
    assert_eq!(d.as_of.as_deref(), Some("2021-06-28"));
    let d = dated("The storm that struck the coast late on Friday has now killed 40, officials said.");
    assert_eq!(d.as_of.as_deref(), Some("2021-06-29"));
    let d = dated("The toll from Thursday's collapse is 11, the mayor said on Monday.");
    assert_eq!(d.as_of.as_deref(), Some("2021-06-28"));
    // a past tense keeps the day of the event: the figure is of then
    let d = dated("A gas blast that struck a market on Thursday killed 30 people, police said.");
    assert_eq!(d.as_of.as_deref(), Some("2021-06-24"));
    // a march's own day, and a comparison in a later clause
    let d = dated("Organisers said 40,000 joined Sunday's march, the largest the city has seen.");
    assert_eq!(d.as_of.as_deref(), Some("2021-06-27"));
}

#[test]
fn each_figure_takes_the_day_of_its_own_clause() {
    let s =
        "The toll rose to 9 on Sunday, and 151 residents were still missing early on Monday, officials said.";
    assert_eq!(of(s, "9", Some("2021-06-27")).as_deref(), Some("2021-06-27"));
    assert_eq!(of(s, "151", Some("2021-06-27")).as_deref(), Some("2021-06-28"));
    let s =
        "Officials said 54 deaths were confirmed by Monday, and that 12 had been found on Saturday alone.";
    assert_eq!(of(s, "12", Some("2021-06-28")).as_deref(), Some("2021-06-26"));
    // one day in the sentence: the sentence's time stands
    let s = "Rescuers found 4 more bodies, bringing the toll to 16 on Monday.";
    assert_eq!(of(s, "4", Some("2021-06-28")).as_deref(), Some("2021-06-28"));
}

#[test]
fn figures_of_no_time_the_text_gives() {
    let s = "The tower had 136 units before the collapse, records show.";
    assert_eq!(of(s, "136", Some("2021-06-29")), None);
    let s = "The union said wages had risen 20%, up from first offers of 5%.";
    assert_eq!(of(s, "5%", Some("2021-06-29")), None);
    let s = "They join 300 residents who were already living in shelters.";
    assert_eq!(of(s, "300", Some("2021-06-28")), None);
    // money pledged or paid out is of no day
    let s = "The state announced compensation of 50,000 dollars for each family.";
    assert_eq!(of(s, "50,000", Some("2021-06-29")), None);
    let s = "Each displaced family will receive 2,000 dollars, the county said.";
    assert_eq!(of(s, "2,000", Some("2021-06-29")), None);
    let s = "The governor said 5 million dollars would go to the rebuilding.";
    assert_eq!(of(s, "5", Some("2021-06-29")), None);
    // an estimate stays dated
    let s = "Losses will be 3 billion dollars, the firm said.";
    assert_eq!(of(s, "3", Some("2021-06-29")).as_deref(), Some("2021-06-29"));
}

#[test]
fn monthly_statistics_keep_the_month_they_report() {
    let stated = NaiveDate::from_ymd_opt(2018, 6, 12).unwrap();
    let d = |s: &str| resolve(&words(s), stated, None);
    // a change from a month: a figure of the month after it
    assert_eq!(d("Core prices rose 0.2% from April, the department said.").as_of.as_deref(), Some("2018-05"));
    assert_eq!(d("The rate eased to 2.1% from 2.3% in April.").as_of.as_deref(), Some("2018-05"));
    // a month named keeps its own
    assert_eq!(
        d("Prices rose 0.1% in May from April, the department said.").as_of.as_deref(),
        Some("2018-05")
    );
    // "after a rise in April" is the month before the figure's
    let k = d("Gasoline rose 1.7%, after a 4.1% jump in April.");
    assert_ne!(k.as_of.as_deref(), Some("2018-04"));
    // the year's rate is the statistic's month, carried from the sentence before
    for s in [
        "Over the past 12 months, prices have risen 2.8%.",
        "Over the last 12 months the index increased 8.6%.",
        "On a monthly basis, prices went down 0.2%.",
        "Shelter costs were 3.5% higher than a year earlier.",
    ] {
        assert_eq!(d(s).kind, Kind::Statistic, "{s}");
    }
}

#[test]
fn the_start_of_an_event_is_what_later_sentences_count_from() {
    let d = dated("The walkout began on June 14, the first strike at the plant in 20 years.");
    assert_eq!(d.began.as_deref(), Some("2021-06-14"));
    let d = dated("The fire broke out on Tuesday, June 22, and spread fast.");
    assert_eq!(d.began.as_deref(), Some("2021-06-22"));
    assert_eq!(dated("Some 1,400 workers walked out that night.").kind, Kind::Unsaid);
    // a since-clause is a start, not the time of the figures after it
    let d =
        dated("Since the first case was found in March last year, 825 people have died, the minister said.");
    assert_eq!(d.as_of.as_deref(), Some("2021-06-29"));
    let d = dated("Since the collapse on Thursday, crews have pulled 35 people from the rubble.");
    assert_eq!(d.as_of.as_deref(), Some("2021-06-29"));
}

#[test]
fn periods_nights_and_times_of_day() {
    for (sentence, as_of) in [
        ("The agency counted 4,100 cases from Jan. 1 to June 20.", "2021-06-20"),
        ("Between Jan. 1 and June 20, 4,100 cases were recorded.", "2021-06-20"),
        ("There were 310 new cases in the week to June 20.", "2021-06-20"),
        ("As of 5 p.m. Monday, 4,100 homes had no power.", "2021-06-28"),
        ("As of Monday evening, 4,100 homes had no power.", "2021-06-28"),
        ("By Monday night the toll had reached 99.", "2021-06-28"),
        ("The toll rose to 99 on Monday night, officials said.", "2021-06-28"),
        ("Officials said Monday afternoon that the toll had risen to 14.", "2021-06-28"),
        ("The county confirmed 54 deaths Monday.", "2021-06-28"),
        ("Some 2,000 troops were sent to the region last Thursday.", "2021-06-24"),
        ("The death toll reached 24 by Saturday.", "2021-06-26"),
        ("Exports fell 3% in the first quarter.", "2021-03"),
        ("The economy grew 0.4% in the three months to May.", "2021-05"),
        ("Unemployment rose to 4.1% in May, the highest since 2015.", "2021-05"),
        ("In 2020, 1,200 people died on the roads.", "2020"),
        ("Last year 1,200 people died on the roads.", "2020"),
        ("Aid groups say 2 million people need help.", "2021-06-29"),
        ("Since the war began, 6 million people have fled.", "2021-06-29"),
        ("On June 21, rescuers pulled 35 people from the rubble.", "2021-06-21"),
    ] {
        assert_eq!(dated(sentence).as_of.as_deref(), Some(as_of), "{sentence}");
    }
}

#[test]
fn a_quake_s_toll_day_by_day() {
    // a Thursday
    let stated = NaiveDate::from_ymd_opt(2008, 5, 15).unwrap();
    let d = |s: &str| resolve(&words(s), stated, None).as_of;
    assert_eq!(
        d("The toll from Monday's quake has climbed to nearly 10,000, relief officials said."),
        Some("2008-05-15".into())
    );
    assert_eq!(d("The official toll climbed Wednesday to almost 15,000."), Some("2008-05-14".into()));
    assert_eq!(
        d("Some 1,180 aftershocks had been recorded as of 5 a.m. on Tuesday."),
        Some("2008-05-13".into())
    );
    assert_eq!(
        d("More than 50 people had been pulled out alive as of late Wednesday."),
        Some("2008-05-14".into())
    );
    assert_eq!(d("Officials have said at least 1,944 people have died."), Some("2008-05-15".into()));
    // a figure compared with a bare weekday's
    let w = words("The figure, up from nearly 15,000 Wednesday, is expected to rise.");
    assert_eq!(of_figure(&w, 5, 5, stated, Some("2008-05-15")).as_deref(), Some("2008-05-14"));
}

/// (value, as_of) of every candidate of a text.
fn story(text: &str, stated: NaiveDate) -> Vec<(String, String)> {
    let found = crate::extract::extract(text, Some(stated), &[]);
    found.into_iter().map(|c| (c.value, c.as_of.unwrap_or_default())).collect()
}

#[test]
fn a_story_counts_each_time_from_the_one_it_follows() {
    let text = "The death toll from the collapse of the tower rose to 11 on Monday, the mayor said.\n\n\
                The tower partly collapsed at about 1:30 a.m. on Thursday, June 24. About 35 people were \
                rescued from the part still standing that morning, fire officials said. Two days later, \
                crews had pulled four bodies from the rubble.\n\n\
                Rescuers have pulled 5 bodies from the debris since Sunday, the fire chief said on Tuesday. \
                Of those found, 3 had been identified, she said.";
    let got = story(text, stated());
    let want = [
        ("11", "2021-06-28"),
        ("About 35", "2021-06-24"),
        ("4", "2021-06-26"),
        ("5", "2021-06-29"),
        ("3", "2021-06-29"),
    ];
    let want: Vec<(String, String)> = want.iter().map(|(v, d)| (v.to_string(), d.to_string())).collect();
    assert_eq!(got, want);
}

#[test]
fn a_strike_story_counts_from_the_day_it_began() {
    let stated = NaiveDate::from_ymd_opt(2021, 11, 17).unwrap();
    let text = "The walkout began on Oct. 14, the first at the company in 35 years. About 10,000 workers \
                left their posts that day, the union said. A week later, 1,400 more joined them.";
    let got = story(text, stated);
    let dates: Vec<&str> = got.iter().filter(|(v, _)| v != "35").map(|(_, d)| d.as_str()).collect();
    assert_eq!(dates, ["2021-10-14", "2021-10-21"]);
}

#[test]
fn a_runoff_story_keeps_the_first_round_s_day_to_its_figure() {
    let stated = NaiveDate::from_ymd_opt(2023, 5, 29).unwrap();
    let text =
        "The president won Sunday's runoff with 52.2% of the vote, the election board said on Monday.\n\n\
                Turnout was 84.2%, down from 87% in the first round on May 14.";
    let got = story(text, stated);
    let dates: Vec<&str> = got.iter().map(|(_, d)| d.as_str()).collect();
    assert_eq!(dates, ["2023-05-28", "2023-05-28", "2023-05-14"]);
}

#[test]
fn a_refugee_story_week_by_week() {
    // a Monday
    let stated = NaiveDate::from_ymd_opt(2022, 3, 14).unwrap();
    let text = "More than 4.5 million people have fled since the fighting began on Feb. 24, the agency \
                said on Monday, up from 2.8 million a week earlier.\n\n\
                On Sunday, officials said 45 civilians had been killed in shelling over the weekend.\n\n\
                The country had 44 million people before the war. Donors pledged $1.5 billion at a \
                conference on Friday, and promised $300 million more.";
    let got = story(text, stated);
    let want = [
        ("More than 4.5 million", "2022-03-14"),
        ("2.8 million", "2022-03-07"),
        ("45", "2022-03-13"),
        ("44 million", ""),
        ("1.5 billion", "2022-03-11"),
        ("300 million", ""),
    ];
    let want: Vec<(String, String)> = want.iter().map(|(v, d)| (v.to_string(), d.to_string())).collect();
    assert_eq!(got, want);
}

#[test]
fn the_peak_of_a_day_s_march_is_that_day_but_an_outbreak_s_is_no_day() {
    let stated = NaiveDate::from_ymd_opt(2019, 6, 17).unwrap();
    let text = "Organisers said 1 million people joined Sunday's rally.\n\n\
                At the peak of the rally, police counted 240,000 on the route. Police had sent 3,000 \
                officers for the day. At the height of the outbreak, 300 cases were reported a week.";
    let got = story(text, stated);
    let dates: Vec<&str> = got.iter().map(|(_, d)| d.as_str()).collect();
    assert_eq!(dates, ["2019-06-16", "2019-06-16", "2019-06-16", ""]);
}

#[test]
fn a_month_or_an_old_start_is_not_carried_where_it_does_not_belong() {
    let stated = NaiveDate::from_ymd_opt(2024, 11, 8).unwrap();
    // a count over the past year is no monthly rate: of the stated day
    let text = "Ukraine seized about 380 square miles in August. Over the past year, it has lost 1,000 soldiers there.";
    let dates: Vec<String> = story(text, stated).into_iter().map(|(_, d)| d).collect();
    assert_eq!(dates, ["2024-08", "2024-11-08"]);
    // a war that began years before is no day for the sentences after it
    let text = "The war began on Feb. 24, 2022. Kyiv said 300 soldiers were killed.";
    let dates: Vec<String> = story(text, stated).into_iter().map(|(_, d)| d).collect();
    assert_eq!(dates, ["2024-11-08"]);
}

#[test]
fn a_sentence_that_opens_a_month_or_a_year_before() {
    let stated = NaiveDate::from_ymd_opt(2022, 10, 19).unwrap();
    let text = "Inflation rose to 10.1% in September, the statistics office said.\n\n\
                A year earlier, the rate was 3.1%. The month before, it had been 9.9%.";
    let dates: Vec<String> = story(text, stated).into_iter().map(|(_, d)| d).collect();
    assert_eq!(dates, ["2022-09", "2021-09", "2022-08"]);
}

#[test]
fn votes_and_seats_are_of_the_day_of_the_vote() {
    // a Wednesday, four days after the poll
    let stated = NaiveDate::from_ymd_opt(2023, 3, 1).unwrap();
    let text = "Bola Tinubu was declared the winner early on Wednesday with 8,794,726 votes from \
                Saturday's poll, the electoral commission said.\n\n\
                Atiku Abubakar came second with 6,984,520 votes, the commission said. Its count put \
                turnout at 27%, and the ruling party took 59 seats in the Senate and the opposition 36.\n\n\
                The commission said on Wednesday it had received 18 petitions.";
    let got = story(text, stated);
    let want = [
        ("8,794,726", "2023-02-25"),
        ("6,984,520", "2023-02-25"),
        ("27%", "2023-02-25"),
        ("59", "2023-02-25"),
        ("36", "2023-02-25"),
        ("18", "2023-03-01"),
    ];
    let got: Vec<(&str, &str)> = got.iter().map(|(v, d)| (v.as_str(), d.as_str())).collect();
    assert_eq!(got, want);
}

#[test]
fn the_day_of_a_vote_is_read_where_it_is_written() {
    let stated = NaiveDate::from_ymd_opt(2024, 1, 15).unwrap();
    let day = |s: &str| super::day_of_vote(&words(s), stated);
    assert_eq!(
        day("Lai won Taiwan's presidential election on Saturday, with 40.1%.").as_deref(),
        Some("2024-01-13")
    );
    assert_eq!(day("Results of Saturday's poll came in on Monday.").as_deref(), Some("2024-01-13"));
    assert_eq!(day("The Jan. 7 vote was boycotted.").as_deref(), Some("2024-01-07"));
    assert_eq!(day("Milei was elected president of Argentina on Sunday.").as_deref(), Some("2024-01-14"));
    assert_eq!(day("The election was a landslide, officials said on Sunday."), None);
}

#[test]
fn a_figure_compared_with_keeps_the_time_of_the_comparison() {
    let stated = NaiveDate::from_ymd_opt(2024, 9, 22).unwrap();
    let text = "Turnout was around 75%, the election commission said on Sunday, below the 83% \
                recorded at the previous presidential vote in November 2019.";
    let got = story(text, stated);
    // (the 75% takes the sentence's November 2019 too: a sentence's time is read from all of it)
    assert_eq!(got[1], ("83%".to_string(), "2019-11".to_string()));
    let text =
        "On Wednesday the fund raised the bailout to $8 billion from $3 billion agreed in December 2022.";
    let got = story(text, NaiveDate::from_ymd_opt(2024, 3, 6).unwrap());
    assert_eq!(got[1], ("3 billion".to_string(), "2022-12".to_string()));
}
