//! Snapshot checks of what a scenario left behind (the normalised record, the client's journal
//! trace, the mails), against snapshots shipped with the kit: `snapshots/<name>.json` beside
//! the feature that names them, embedded in the binary with the features (or read from
//! `--features DIR`). `--update-snapshots` writes the new text instead of failing (into the
//! directory of `--features DIR`); like insta's, a written snapshot is reviewed before it is
//! committed.

use super::super::features::Source;
use similar::TextDiff;

/// What a snapshot check found.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// The text is the snapshot's.
    Same,
    /// The snapshot was missing or differed and the new text was written (update mode).
    Written(String),
    /// The text differs: a unified diff, snapshot (`-`) to now (`+`).
    Differs(String),
    /// There is no snapshot of that name, and the kit may not write one.
    Missing(String),
}

/// The snapshot path of a name, beside a feature (`client/m000.feature` →
/// `client/snapshots/<name>.json`).
pub fn path(feature: &str, name: &str) -> String {
    let dir = feature.rsplit_once('/').map_or("", |(d, _)| d);
    if dir.is_empty() {
        format!("snapshots/{name}.json")
    } else {
        format!("{dir}/snapshots/{name}.json")
    }
}

/// Checks `actual` against the snapshot at `path` of `source`.
pub fn check(source: &Source, path: &str, actual: &str, update: bool) -> Verdict {
    let stored = source.read(path);
    if stored.as_deref() == Some(actual) {
        return Verdict::Same;
    }
    if update {
        return match source.write(path, actual) {
            Ok(written) => Verdict::Written(written),
            Err(e) => Verdict::Missing(e),
        };
    }
    match stored {
        Some(old) => Verdict::Differs(
            TextDiff::from_lines(old.as_str(), actual)
                .unified_diff()
                .context_radius(3)
                .header("snapshot", "this run")
                .to_string(),
        ),
        None => Verdict::Missing(format!(
            "no snapshot {path}; run the kit with --features DIR --update-snapshots to write it, then review it"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_lives_beside_its_feature() {
        assert_eq!(path("client/m000.feature", "a"), "client/snapshots/a.json");
        assert_eq!(path("m000.feature", "a"), "snapshots/a.json");
    }

    #[test]
    fn a_differing_text_gives_a_diff_and_update_writes_it() {
        let dir = std::env::temp_dir().join(format!("nss-kit-snap-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("snapshots")).unwrap();
        std::fs::write(dir.join("snapshots/a.json"), "one\ntwo\n").unwrap();
        let source = Source::Dir(dir.clone());
        assert_eq!(
            check(&source, "snapshots/a.json", "one\ntwo\n", false),
            Verdict::Same
        );
        let Verdict::Differs(diff) = check(&source, "snapshots/a.json", "one\nthree\n", false)
        else {
            panic!("expected a diff");
        };
        assert!(diff.contains("-two\n+three"), "{diff}");
        assert!(matches!(
            check(&source, "snapshots/b.json", "x", false),
            Verdict::Missing(_)
        ));
        assert!(matches!(
            check(&source, "snapshots/b.json", "x", true),
            Verdict::Written(_)
        ));
        assert_eq!(
            check(&source, "snapshots/b.json", "x", false),
            Verdict::Same
        );
        assert!(matches!(
            check(&Source::Embedded, "client/snapshots/none.json", "x", true),
            Verdict::Missing(_)
        ));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
