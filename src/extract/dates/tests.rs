use super::figure::{earlier, right_after};
use super::*;
use crate::extract::sentences::words;

/// (sentence, as_of, from, said) on a stated day.
type Row = (&'static str, &'static str, &'static str, &'static str);

fn check(stated: NaiveDate, table: &[Row]) {
    for (sentence, as_of, from, said) in table {
        let d = resolve(&words(sentence), stated, None);
        let got = (d.as_of.unwrap_or_default(), d.from.unwrap_or_default(), d.said.unwrap_or_default());
        assert_eq!(got, (as_of.to_string(), from.to_string(), said.to_string()), "{sentence}");
    }
}

#[test]
fn times_read_against_the_stated_day() {
    let stated = NaiveDate::from_ymd_opt(2024, 12, 27).unwrap(); // a Friday
    check(
        stated,
        &[
            // an interval: the week to the stated day
            (
                "1,000 were killed this past week, John Kirby said on Friday.",
                "2024-12-27",
                "2024-12-21",
                "2024-12-27",
            ),
            ("In total 12 died last week.", "2024-12-27", "2024-12-21", ""),
            // a state in the present: of the stated day
            ("More than 4,600 people live on the estate.", "2024-12-27", "", ""),
            ("Over the past week, 31 drones were shot down.", "2024-12-27", "2024-12-21", ""),
            ("Prices rose 4% in the past seven days.", "2024-12-27", "2024-12-21", ""),
            ("Last week's earthquake killed 12.", "", "", ""),
            ("Earlier this week 40 homes burned.", "2024-12-27", "2024-12-23", ""),
            ("Some 3,000 people marched this week.", "2024-12-27", "2024-12-23", ""),
            ("Strikes killed 12 in the past 24 hours.", "2024-12-27", "2024-12-26", ""),
            ("Police arrested 300 over the weekend.", "2024-12-22", "2024-12-21", ""),
            ("Russia launched 120 drones overnight, the air force said.", "2024-12-27", "2024-12-26", ""),
            (
                "Russia sent 90 drones overnight, the air force said on Tuesday.",
                "2024-12-24",
                "2024-12-23",
                "2024-12-24",
            ),
            // a month: the last one on or before the stated day
            ("Ukraine seized about 380 square miles of Kursk in August.", "2024-08", "", ""),
            ("Prices rose 11.1% in the 12 months to October.", "2024-10", "", ""),
            ("Exports fell 3% last month.", "2024-11", "", ""),
            ("About 2,400 homes have lost power this month, the utility said.", "2024-12", "", ""),
            ("Earlier this year the fund paid out $12 million.", "2024", "", ""),
            ("As of November, 9,000 had been counted.", "2024-11", "", ""),
            ("Through September the agency logged 4,200 cases.", "2024-09", "", ""),
            (
                "Employers shed 20.5 million jobs in November, the department said on Friday.",
                "2024-11",
                "",
                "2024-12-27",
            ),
            ("We counted 12 strikes since the start of the month, an official said.", "2024-12", "", ""),
            ("Inflation reached 10.1% in September 2022.", "2022-09", "", ""),
            ("Rebels took 14 villages in early November.", "2024-11", "", ""),
            ("June's jobless rate was 4.1%, the bureau said.", "2024-06", "", ""),
            ("The October figure of 4.2% was revised up.", "2024-10", "", ""),
            ("The virus had reached 2.3 million people by mid-October.", "2024-10", "", ""),
            ("In mid-2023, the country hosted 1.1 million refugees.", "2023", "", ""),
            ("In late 2022 the fund held $4 billion.", "2022", "", ""),
            ("Between January and October, 9,870 migrants crossed the sea.", "2024-10", "", ""),
            // a quarter or a half: its last month, the last one ended by the stated day
            ("The economy grew 2.1% in the third quarter, the office said.", "2024-09", "", ""),
            ("Output fell 0.3% in the first half of the year.", "2024-06", "", ""),
            ("Sales rose 1.2% in the fourth quarter.", "2024-12", "", ""),
            ("Overnight into Tuesday, 60 drones were downed.", "2024-12-24", "2024-12-23", ""),
            // a day and month, in any spelling
            ("As of Dec. 20, 300 had been counted.", "2024-12-20", "", ""),
            ("The toll stood at 20 on Sept. 12.", "2024-09-12", "", ""),
            ("As of August 20, the army held 1,250 square kilometres.", "2024-08-20", "", ""),
            ("By 14 November the fund had paid out $40 million.", "2024-11-14", "", ""),
            ("The first case was found on March 3 in a village of 400 people.", "2024-03-03", "", ""),
            ("The rally of July 1, 2003 drew about 500,000 people.", "2003-07-01", "", ""),
            ("Between February 24 and October 18, 6,322 civilians were killed.", "2024-10-18", "", ""),
            ("From Jan. 1 to Nov. 12, the ministry logged 4,512 cases.", "2024-11-12", "", ""),
            ("Some 1,500 were evacuated on Nov. 3 and another 800 on Nov. 5.", "2024-11-03", "", ""),
            ("Rescuers have pulled 8,000 survivors since December 6.", "2024-12-27", "", ""),
            ("At least 23 are still missing since the quake struck on Tuesday.", "2024-12-27", "", ""),
            // a day to come is not the figure's day
            ("Some 40 leaders will meet again on January 9.", "", "", ""),
            // a weekday: that day, on or before the stated day
            ("The toll rose to 50 on Tuesday.", "2024-12-24", "", ""),
            ("Officials said Tuesday that 50 died.", "2024-12-24", "", "2024-12-24"),
            (
                "The agency said in a statement on Thursday that 18 were killed.",
                "2024-12-26",
                "",
                "2024-12-26",
            ),
            ("The toll was 40 last Friday.", "2024-12-20", "", ""),
            (
                "Officials said on Monday that storms killed 12 people on Sunday.",
                "2024-12-22",
                "",
                "2024-12-23",
            ),
            ("Police said Saturday's march drew 8,000 people.", "2024-12-21", "", ""),
            ("Sunday's march drew almost 2 million people, organisers said.", "2024-12-22", "", ""),
            ("By Wednesday night 212 bodies had been recovered.", "2024-12-25", "", ""),
            ("Five died yesterday.", "2024-12-26", "", ""),
            (
                "At least 50 were killed last night, the ministry said Thursday.",
                "2024-12-25",
                "",
                "2024-12-26",
            ),
            ("Some 30 homes flooded last night.", "2024-12-26", "", ""),
            ("This morning 12 flights were cancelled.", "2024-12-27", "", ""),
            ("The count reached 61 on the 4th of July.", "2024-07-04", "", ""),
            ("The count reached 61 on December 12th.", "2024-12-12", "", ""),
            // a day's name with a month is no month of the figure
            ("Among the dead are 27 campers who came for the Fourth of July weekend.", "2024-12-27", "", ""),
            // a month after "following", "after": the time before the figure's
            ("Unemployed people numbered 12.3 million, following a dip in September.", "", "", ""),
            ("Sales rose 2% after a slump in October, the agency said.", "", "", ""),
            ("Today 14 schools stayed shut.", "2024-12-27", "", ""),
            // "Monday's earthquakes have killed": the day of the event, the toll of now
            ("The toll from Monday's earthquakes has risen to 12,391.", "2024-12-27", "", ""),
            // now: present tense, "since", "so far"
            ("It has since lost about 40% of that territory, two officials said.", "2024-12-27", "", ""),
            ("So far 61 people are confirmed dead.", "2024-12-27", "", ""),
            ("About 2,300 people remain missing.", "2024-12-27", "", ""),
            ("The camp hosts 40,000 displaced people.", "2024-12-27", "", ""),
            ("The dead include 27 campers.", "2024-12-27", "", ""),
            ("The camp now hosts 668,000 displaced people.", "2024-12-27", "", ""),
            ("Since the war began in April, 7 million have fled.", "2024-12-27", "", ""),
            (
                "The quakes that struck on December 6 have now killed 42,310 people, AFAD said on Tuesday.",
                "2024-12-24",
                "",
                "2024-12-24",
            ),
            ("Some 200,000 have arrived since last month.", "2024-12-27", "", ""),
            // when it was said sets the stated day
            ("Kyiv said in October that North Korea had sent up to 12,000 troops.", "2024-10", "", "2024-10"),
            ("In October, Kyiv announced that 12,000 troops had come.", "2024-10", "", "2024-10"),
            ("OCHA said 7.9 million people had been displaced.", "", "", ""),
            // an earlier time the text does not give
            ("The Red Crescent had earlier put the toll at 11,300.", "", "", ""),
            ("Police had deployed more than 2,000 officers.", "", "", ""),
            ("Before the war, some 38,000 people lived in the town.", "", "", ""),
            ("At the height of the blackout, 1.2 million homes were dark.", "", "", ""),
            ("Some 1.2 million homes were dark at the peak of the storm.", "", "", ""),
            ("The union's first offer was a raise of 9%.", "", "", ""),
            // nothing said of time, or only of another figure's
            ("The rate jumped to 14.7%, the highest since records began.", "", "", ""),
            ("Food prices were 14.5% higher, the fastest climb since April 1980.", "", "", ""),
            ("Milk cost 42.1% more than in September 2023.", "", "", ""),
            ("Inflation would have been around 13.8%, the office estimated.", "", "", ""),
            ("Economists had expected a rate of 10.7%.", "", "", ""),
            ("Abstention reached 20.95%, even though voting is compulsory.", "", "", ""),
            ("Bolsonaro took 43.2%, although many polls had pointed to a clear Lula win.", "", "", ""),
            ("Organisers started the march 30 minutes early.", "", "", ""),
            ("Volunteers said on the same day that three rescuers had died.", "", "", ""),
            ("In 2023 the war killed 12,000 soldiers.", "2023", "", ""),
        ],
    );
}

#[test]
fn a_report_goes_on_at_the_time_it_was_made() {
    let stated = NaiveDate::from_ymd_opt(2024, 7, 17).unwrap();
    let resolved = |s: &str| resolve(&words(s), stated, Some("2024-07-16"));
    let d = resolved("Over 150,000 people have been displaced in recent weeks, the IOM said.");
    assert_eq!((d.as_of.as_deref(), d.said.as_deref()), (Some("2024-07-16"), Some("2024-07-16")));
    // a sentence that reports nothing keeps the stated day
    assert_eq!(resolved("About 25 million people now need aid.").as_of.as_deref(), Some("2024-07-17"));
}

#[test]
fn a_month_right_after_a_figure_is_its_own() {
    let stated = NaiveDate::from_ymd_opt(2022, 11, 16).unwrap();
    let w = words("Prices rose 11.1% in October, up from 10.1% in September, the ONS said.");
    assert_eq!(right_after(&w, 2, stated).as_deref(), Some("2022-10"));
    assert_eq!(right_after(&w, 7, stated).as_deref(), Some("2022-09"));
    assert_eq!(right_after(&words("It fell 3% in the year."), 2, stated), None);
    let w = words("Unemployment was 5.1% in 2021, up from 4.8% in 2020.");
    assert_eq!(right_after(&w, 7, stated).as_deref(), Some("2020"));
    let w = words("The toll reached 450, up from 300 on Tuesday, the ministry said.");
    assert_eq!(right_after(&w, 6, stated).as_deref(), Some("2022-11-15"));
    let w = words("Some 1,500 left on Nov. 3 and another 800 on Nov. 5.");
    assert_eq!(right_after(&w, 8, stated).as_deref(), Some("2022-11-05"));
    let w = words("The toll rose to 42,310, up from 41,156 a day earlier.");
    let before = |w: &[&str], at: usize, base: &str| earlier(w, at, Some(base), stated);
    assert_eq!(before(&w, 3, "2022-11-15"), None);
    assert_eq!(before(&w, 7, "2022-11-15").as_deref(), Some("2022-11-14"));
    // a month or a year before, in the precision of the time it counts from
    let w = words("The jobless rate rose to 7.9% in October from 7.8% the prior month, the bureau said.");
    assert_eq!(before(&w, 9, "2022-10").as_deref(), Some("2022-09"));
    let w = words("Exports grew 4.2%, against 6.1% in the previous month.");
    assert_eq!(before(&w, 4, "2022-01").as_deref(), Some("2021-12"), "over a new year");
    let w = words("Jobless claims stood at 2.08 million, down from 2.33 million a year earlier.");
    assert_eq!(before(&w, 9, "2015-10").as_deref(), Some("2014-10"));
    assert_eq!(before(&w, 9, "2015-10-30").as_deref(), Some("2014-10-30"));
    assert_eq!(before(&w, 9, "2015").as_deref(), Some("2014"));
    // a change against then is no figure of then
    let w = words("Rents climbed 7% from a year ago.");
    assert_eq!(before(&w, 2, "2015-10"), None);
    // a count of days after or before, as written
    let w = words("The toll stood at 120, and rose to 310 a week later.");
    assert_eq!(before(&w, 8, "2022-11-02").as_deref(), Some("2022-11-09"));
    let w = words("It had counted 220 two days earlier.");
    assert_eq!(before(&w, 3, "2022-11-10").as_deref(), Some("2022-11-08"));
}

#[test]
fn a_month_after_the_stated_one_is_last_year() {
    let stated = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
    let as_of = |s: &str| resolve(&words(s), stated, None).as_of;
    assert_eq!(as_of("It fell in November.").as_deref(), Some("2023-11"));
    assert_eq!(as_of("It fell in May 2022.").as_deref(), Some("2022-05"));
    assert_eq!(as_of("The count stood at 40 on December 28.").as_deref(), Some("2023-12-28"));
    assert_eq!(as_of("Some 40 leaders will meet on March 20.").as_deref(), None, "a day to come");
}

#[test]
fn a_sentence_counted_from_the_one_before() {
    let stated = NaiveDate::from_ymd_opt(2024, 11, 28).unwrap();
    let kind = |s: &str| resolve(&words(s), stated, None).kind;
    assert_eq!(kind("A week later, the toll had climbed to 310."), Kind::Shifted(7));
    assert_eq!(kind("Two days earlier, the ministry had reported 220 dead."), Kind::Shifted(-2));
    assert_eq!(kind("The next day 45 more bodies were found."), Kind::Shifted(1));
    // a figure's own "a day earlier" is that figure's, not the sentence's
    assert_eq!(kind("The toll rose to 42,310, up from 41,156 a day earlier."), Kind::Unsaid);
    // a weekday named is the sentence's own
    assert_eq!(kind("A day later, on Tuesday, 80 were found."), Kind::Named);
    assert_eq!(shifted("2024-11-12", 7, Some("2024-11-28")).as_deref(), Some("2024-11-19"));
    assert_eq!(shifted("2024-11", 7, Some("2024-11-28")), None, "no day to count from");
    assert_eq!(shifted("2024-11-25", 10, Some("2024-11-28")), None, "after the stated day");
}

#[test]
fn a_period_is_dated_by_its_end_and_a_past_event_by_its_year() {
    let stated = NaiveDate::from_ymd_opt(2024, 12, 30).unwrap(); // a Monday
    check(
        stated,
        &[
            // the end of a period, not the day of the event it counts from
            (
                "Investigators had identified 146 of those killed in Sunday's crash by 5 p.m. on Monday.",
                "2024-12-30",
                "",
                "",
            ),
            (
                "About 68,000 bookings were cancelled between midnight on Sunday and 1 p.m. on Monday.",
                "2024-12-30",
                "",
                "",
            ),
            // a day named beside "that night", which is the saying's
            (
                "Crews found 46 people dead on Sunday evening, the fire chief said late that night.",
                "2024-12-29",
                "",
                "",
            ),
            // so many years before the stated day, not the age of something it names
            ("The party, which won 111 seats four years ago, fell short.", "2020", "", ""),
            ("The Greens, founded only six years ago, drew 9.1% of the vote.", "", "", ""),
            // a past event named with its year
            (
                "The earthquake of 2010, the last disaster on this scale, killed more than 500 people.",
                "2010",
                "",
                "",
            ),
            // the year of the figure, not the month it was said
            ("At least 5,601 people were killed last year, the UN office said last month.", "2023", "", ""),
            // a past the text gives no day for
            (
                "Even before the quake, more than 3 million people had been driven from their homes.",
                "",
                "",
                "",
            ),
            (
                "Early in the outbreak the minister said more than 80% of the patients were nurses.",
                "",
                "",
                "",
            ),
        ],
    );
    let on = Some("2024-12-30");
    let later = "The fine of 1.1 billion euros was later cut to 372 million euros on appeal.";
    assert_eq!(figure_date(later, "372 million", stated, on), None);
    let week = "A week later, about 5,600 more left their jobs.";
    assert_eq!(figure_date(week, "about 5,600", stated, on).as_deref(), Some("2024-12-30"));
    let when = "The crash is the worst since 1997, when a jet crashed on Guam and 228 people died.";
    assert_eq!(figure_date(when, "228", stated, on).as_deref(), Some("1997"));
}

#[test]
fn an_event_s_week_a_comparison_and_a_ranking_are_not_the_figure_s_time() {
    let on = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    let table: &[(&str, &str, &str)] = &[
        // the week of the crash the estimate follows; the estimate is of the day it was made
        (
            "2024-07-26",
            "The update that crashed computers last week will cost firms about $5.4 billion, Parametrix said on Wednesday.",
            "2024-07-24",
        ),
        // "than last week" compares; the figure is of its own day
        ("2024-01-16", "That is fewer than last week: on Thursday the prefecture counted 213 dead.", "2024-01-11"),
        // the end of the months named
        ("2024-02-15", "Output fell at an annualised rate of 0.4% in October to December.", "2023-12"),
        // an event in an aside, its toll in the present perfect: of now
        ("2025-01-13", "The fires, which broke out last Tuesday, have burned more than 12,000 homes.", "2025-01-13"),
        // "so far" that ranks a past year
        ("2024-03-22", "Last year, with 1,658,816 cases, was the third-worst year of the century so far.", "2023"),
        // "by last Friday": the Friday of the week before
        ("2024-03-22", "By last Friday the state had 576,949 probable cases.", "2024-03-15"),
        // a forecast for the year, and a year as a whole
        ("2023-08-01", "As many as 400,000 people could cross before the year is out, the minister warned.", "2023"),
        ("2024-02-15", "For 2023 as a whole the economy still grew 1.9%, the office said.", "2023"),
        ("2023-08-01", "Some 50,000 people crossed in the first two months of 2023.", "2023-02"),
        // an event's day a dozen words after its verb, its toll in the present perfect
        (
            "2025-07-07",
            "Floods that swept through the Texas Hill Country before dawn on Friday have killed at least 82 people, officials said on Sunday.",
            "2025-07-06",
        ),
        // a start is not the figure's year; the end it was counted by is
        ("2022-10-25", "The epidemic, which began in 2010, killed 9,792 by early 2019.", "2019"),
        ("2023-03-11", "The bank had about $209 billion in assets at the end of last year.", "2022-12"),
    ];
    // a report of last week beside the figure's own day
    let d = resolve(
        &words("Nearly 3,000 people were killed, the deputy head said on Wednesday, far more than the counts it gave last week."),
        on("2025-02-06"),
        None,
    );
    assert_eq!(d.as_of.as_deref(), Some("2025-02-05"));
    // a count since a day is of when it was said, not of the sentence before
    let d = resolve(
        &words("Aid agencies said they had distributed 12,000 tents since Saturday."),
        on("2023-09-12"),
        None,
    );
    assert_eq!(d.as_of.as_deref(), Some("2023-09-12"));
    // said on a day of last week the text does not give
    let d = resolve(
        &words("Analysts said last week that losses could exceed $20 billion."),
        on("2025-01-13"),
        None,
    );
    assert_eq!(d.as_of, None);
    for (stated, sentence, as_of) in table {
        let d = resolve(&words(sentence), on(stated), None);
        assert_eq!(d.as_of.as_deref(), Some(*as_of), "{sentence}");
    }
    let d = resolve(
        &words("Turnout was 58.59%, News24 reported, compared with 66% in 2019."),
        on("2024-06-03"),
        None,
    );
    assert_ne!(d.as_of.as_deref(), Some("2019"), "2019 is the other figure's year");
    let figures: &[FigureDate] = &[
        // the end of the months named
        ("2024-02-15", None, "Output fell at an annualised rate of 0.4% in October to December, the office said.", "0.4%", Some("2023-12")),
        // a year the figure's own clause gives, not another figure's
        ("2024-06-03", Some("2024-05-29"), "The result is 17 points below the 57.5% the party took in 2019, the figures show.", "57.5%", Some("2019")),
        // days counted in the figure's clause from the sentence's day
        ("2024-01-16", Some("2024-01-03"), "By Jan. 3 the prefecture had confirmed 72 deaths, and three days later the count stood at 126.", "126.", Some("2024-01-06")),
        // the day right after the figure where its clause names two; a year "in which"
        ("2024-07-09", Some("2024-07-09"), "Kyiv mourned on Tuesday after strikes killed at least 31 people on Monday, officials said.", "at least 31", Some("2024-07-08")),
        ("2024-06-24", Some("2024-06-24"), "It was hit before, most recently by a crush in 2015 in which more than 2,400 pilgrims died.", "more than 2,400", Some("2015")),
        ("2024-06-24", Some("2024-06-24"), "In which year 40 died nobody knows.", "40", Some("2024-06-24")),
        // a day later than the sentence's day, a verb between; another figure's "a day earlier" is its own
        ("2023-11-19", Some("2023-11-14"), "A group of 196 came ashore on Tuesday and 147 more arrived a day later.", "147", Some("2023-11-15")),
        ("2023-08-11", Some("2023-08-10"), "On Thursday the county put the toll at 53, up from 36 a day earlier.", "53,", Some("2023-08-10")),
        ("2022-10-19", Some("2022-09"), "Food prices were 14.5% higher than a year earlier.", "14.5%", Some("2022-09")),
        // the figure of the period before a monthly or quarterly statistic's
        ("2022-10-31", Some("2022-10"), "Food prices rose 13.1% after 11.8%, and services climbed 4.4%.", "11.8%,", Some("2022-09")),
        ("2022-10-31", Some("2022-09"), "Output grew 0.3% on the quarter after 0.1%.", "0.1%.", Some("2022-06")),
        // a period in the sentence is not cut into its clauses
        ("2025-02-06", Some("2025-01-30"), "On Friday, Dujarric said 700 people had been killed between Sunday, Jan. 26, and Thursday, Jan. 30.", "700", Some("2025-01-30")),
    ];
    for (stated, sentence_date, sentence, figure, as_of) in figures {
        assert_eq!(
            figure_date(sentence, figure, on(stated), *sentence_date).as_deref(),
            *as_of,
            "{sentence}"
        );
    }
}

/// (stated, sentence date, sentence, the figure's words as written, its date)
type FigureDate = (&'static str, Option<&'static str>, &'static str, &'static str, Option<&'static str>);

/// The date of the figure written `figure` (its qualifier included) in `sentence`.
fn figure_date(
    sentence: &str,
    figure: &str,
    stated: NaiveDate,
    sentence_date: Option<&str>,
) -> Option<String> {
    let w = words(sentence);
    let parts: Vec<&str> = figure.split(' ').collect();
    let first = (0..w.len())
        .find(|&k| w[k..].starts_with(&parts))
        .unwrap_or_else(|| panic!("{figure} in {sentence}"));
    figure::of_figure(&w, first, first + parts.len() - 1, stated, sentence_date)
}
