//! The sample channel's RSS read back by feed-rs, an independent parser: every field RSS
//! carries comes back equal to the record.

use chrono::Utc;

use crate::support::{build_sample, decode, html_blocks, sample_records};

#[test]
fn rss_round_trips_through_feed_rs() {
    let out = tempfile::tempdir().unwrap();
    let (_, dir) = build_sample(out.path());
    let (channel, records) = sample_records();
    let xml = std::fs::read(dir.join("rss.xml")).unwrap();
    let feed = feed_rs::parser::parse(xml.as_slice()).expect("feed-rs reads the RSS");

    assert_eq!(
        feed.title.as_ref().map(|t| t.content.as_str()),
        Some(channel.title.as_str())
    );
    assert_eq!(
        feed.description.as_ref().map(|t| t.content.as_str()),
        Some(channel.description.as_str())
    );
    assert_eq!(feed.language.as_deref(), Some(channel.language.as_str()));
    assert_eq!(
        feed.entries.len(),
        records.len().min(channel.limit as usize)
    );

    let mut previous = None;
    for entry in &feed.entries {
        let record = records
            .get(&entry.id)
            .unwrap_or_else(|| panic!("unknown guid {}", entry.id));
        let what = record.slug.as_str();
        assert_eq!(
            entry.title.as_ref().map(|t| t.content.as_str()),
            Some(record.headline.as_str()),
            "{what}"
        );
        assert_eq!(
            entry
                .links
                .iter()
                .map(|l| l.href.as_str())
                .collect::<Vec<_>>(),
            [record.url.as_str()],
            "{what}"
        );
        // The description is HTML, as readers treat it: text is escaped once more inside it.
        let summary = entry.summary.as_ref().map(|t| decode(&t.content));
        assert_eq!(
            summary.as_deref(),
            Some(record.description.as_str()),
            "{what}"
        );
        assert_eq!(
            entry.published,
            Some(record.published.with_timezone(&Utc)),
            "{what}"
        );
        let authors: Vec<&str> = entry
            .authors
            .iter()
            .filter_map(|p| p.name.as_deref())
            .collect();
        let expected: Vec<&str> = record.authors.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(authors, expected, "{what}");
        let body = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .expect("content:encoded");
        let texts: Vec<&str> = record.body.iter().map(|b| b.text()).collect();
        assert_eq!(html_blocks(body), texts, "{what}");
        // Keywords and section are plain categories; the genre has its vocabulary as domain.
        let genres: Vec<&str> = entry
            .categories
            .iter()
            .filter(|c| c.scheme.as_deref() == Some("http://cv.iptc.org/newscodes/genre/"))
            .map(|c| c.term.as_str())
            .collect();
        assert_eq!(
            genres,
            record
                .genre
                .map(|g| g.iptc_code())
                .into_iter()
                .collect::<Vec<_>>(),
            "{what}"
        );
        let mut categories: Vec<&str> = entry
            .categories
            .iter()
            .filter(|c| c.scheme.is_none())
            .map(|c| c.term.as_str())
            .collect();
        categories.sort_unstable();
        let mut expected: Vec<&str> = record.keywords.iter().map(String::as_str).collect();
        expected.extend(record.section.as_deref());
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(categories, expected, "{what}");
        let image_url = record
            .image
            .as_ref()
            .and_then(|i| i.url.as_ref())
            .map(|u| u.as_str());
        let media: Vec<String> = entry
            .media
            .iter()
            .flat_map(|m| &m.content)
            .filter_map(|c| c.url.as_ref().map(ToString::to_string))
            .collect();
        assert_eq!(
            media,
            image_url.into_iter().map(str::to_owned).collect::<Vec<_>>(),
            "{what}"
        );
        if let Some(creator) = record
            .image
            .as_ref()
            .and_then(|i| i.credit.as_ref())
            .and_then(|c| c.creator.as_deref())
            && image_url.is_some()
        {
            let credits: Vec<&str> = entry
                .media
                .iter()
                .flat_map(|m| &m.credits)
                .map(|c| c.entity.as_str())
                .collect();
            assert!(credits.contains(&creator), "{what}: credits {credits:?}");
        }
        // Newest first.
        if let Some(previous) = previous {
            assert!(entry.published <= Some(previous), "{what} is out of order");
        }
        previous = entry.published;
    }
}
