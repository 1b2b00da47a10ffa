//! Where the client scenarios come from: the features and snapshots embedded in the binary
//! (`features/client/`), or a directory given with `--features DIR`; and the cucumber parser
//! that reads them from either.
//!
//! Adding a feature or a snapshot to the kit: put the file under `features/client/` and add it
//! to [`EMBEDDED`]; a unit test fails until every file there is embedded as it is.

use cucumber::feature::Ext as _;
use cucumber::gherkin::{self, GherkinEnv};
use cucumber::parser::{self, Parser};
use futures::stream;
use std::path::{Path, PathBuf};

/// The client scenarios and their snapshots, by their path under `features/`.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "client/m000_temp_account.feature",
        include_str!("../../../features/client/m000_temp_account.feature"),
    ),
    (
        "client/m000_new_application.feature",
        include_str!("../../../features/client/m000_new_application.feature"),
    ),
    (
        "client/m001_password.feature",
        include_str!("../../../features/client/m001_password.feature"),
    ),
    (
        "client/m001_change_application.feature",
        include_str!("../../../features/client/m001_change_application.feature"),
    ),
    (
        "client/m002_equipment_sharing.feature",
        include_str!("../../../features/client/m002_equipment_sharing.feature"),
    ),
    (
        "client/m002_id_notice.feature",
        include_str!("../../../features/client/m002_id_notice.feature"),
    ),
    (
        "client/m003_general_naccs.feature",
        include_str!("../../../features/client/m003_general_naccs.feature"),
    ),
    (
        "client/m004_clarification.feature",
        include_str!("../../../features/client/m004_clarification.feature"),
    ),
    (
        "client/m004_system_settings.feature",
        include_str!("../../../features/client/m004_system_settings.feature"),
    ),
    (
        "client/snapshots/extended_application.json",
        include_str!("../../../features/client/snapshots/extended_application.json"),
    ),
    (
        "client/snapshots/m000_new_application.json",
        include_str!("../../../features/client/snapshots/m000_new_application.json"),
    ),
    (
        "client/snapshots/m001_change_application.json",
        include_str!("../../../features/client/snapshots/m001_change_application.json"),
    ),
    (
        "client/snapshots/m000_save_draft.json",
        include_str!("../../../features/client/snapshots/m000_save_draft.json"),
    ),
    (
        "client/snapshots/m000_temp_account.json",
        include_str!("../../../features/client/snapshots/m000_temp_account.json"),
    ),
    (
        "client/snapshots/m002_equipment_sharing.json",
        include_str!("../../../features/client/snapshots/m002_equipment_sharing.json"),
    ),
    (
        "client/snapshots/m003_general_lines.json",
        include_str!("../../../features/client/snapshots/m003_general_lines.json"),
    ),
    (
        "client/snapshots/m003_general_naccs.json",
        include_str!("../../../features/client/snapshots/m003_general_naccs.json"),
    ),
    (
        "client/snapshots/m004_amend.json",
        include_str!("../../../features/client/snapshots/m004_amend.json"),
    ),
    (
        "client/snapshots/m004_system_settings.json",
        include_str!("../../../features/client/snapshots/m004_system_settings.json"),
    ),
];

/// The features and snapshots of a run.
#[derive(Debug, Clone)]
pub enum Source {
    /// Those built into the binary.
    Embedded,
    /// Those under a directory (`--features DIR`): every `*.feature` at any depth.
    Dir(PathBuf),
}

impl Source {
    /// The text of a file by its path relative to the source's root.
    pub fn read(&self, rel: &str) -> Option<String> {
        match self {
            Source::Embedded => EMBEDDED
                .iter()
                .find(|(p, _)| *p == rel)
                .map(|(_, text)| text.to_string()),
            Source::Dir(dir) => std::fs::read_to_string(dir.join(rel)).ok(),
        }
    }

    /// Writes a file (snapshots, in update mode): its path on disk, or why it cannot.
    pub fn write(&self, rel: &str, text: &str) -> Result<String, String> {
        match self {
            Source::Embedded => Err(format!(
                "{rel}: the embedded features cannot be updated; give --features DIR"
            )),
            Source::Dir(dir) => {
                let path = dir.join(rel);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| format!("{}: {e}", parent.display()))?;
                }
                std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
                Ok(path.display().to_string())
            }
        }
    }

    /// Every feature: (path relative to the root, text), sorted by path.
    pub fn features(&self) -> Result<Vec<(String, String)>, String> {
        match self {
            Source::Embedded => Ok(EMBEDDED
                .iter()
                .filter(|(p, _)| p.ends_with(".feature"))
                .map(|(p, t)| (p.to_string(), t.to_string()))
                .collect()),
            Source::Dir(dir) => {
                let mut files = Vec::new();
                collect(dir, dir, &mut files)?;
                files.sort();
                files
                    .into_iter()
                    .map(|rel| {
                        let text = std::fs::read_to_string(dir.join(&rel))
                            .map_err(|e| format!("{}: {e}", dir.join(&rel).display()))?;
                        Ok((rel, text))
                    })
                    .collect()
            }
        }
    }
}

/// Every `*.feature` under `dir`, as paths relative to `root` with `/` separators.
fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect(root, &path, out)?;
        } else if path.extension().is_some_and(|x| x == "feature") {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}

/// The cucumber parser of a [`Source`]: each feature parsed with its relative path as its
/// `path`, its examples expanded.
#[derive(Debug, Default, Clone, Copy)]
pub struct SourceParser;

impl Parser<Source> for SourceParser {
    type Cli = cucumber::cli::Empty;
    type Output = stream::Iter<std::vec::IntoIter<parser::Result<gherkin::Feature>>>;

    fn parse(self, input: Source, _cli: Self::Cli) -> Self::Output {
        let features = match input.features() {
            Ok(files) => files
                .into_iter()
                .map(|(rel, text)| parse(&rel, &text))
                .collect(),
            Err(e) => vec![Err(parser::Error::from(gherkin::ParseFileError::Reading {
                path: PathBuf::from(match &input {
                    Source::Dir(d) => d.display().to_string(),
                    Source::Embedded => String::new(),
                }),
                source: std::io::Error::other(e),
            }))],
        };
        stream::iter(features)
    }
}

fn parse(rel: &str, text: &str) -> parser::Result<gherkin::Feature> {
    let env = GherkinEnv::default();
    let mut feature =
        gherkin::Feature::parse(text, env).map_err(|source| gherkin::ParseFileError::Parsing {
            path: PathBuf::from(rel),
            error: None,
            source,
        })?;
    feature.path = Some(PathBuf::from(rel));
    Ok(feature.expand_examples()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file under features/client/ is embedded, as it is on disk.
    #[test]
    fn the_embedded_files_are_those_of_features_client() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("features");
        let mut on_disk = Vec::new();
        fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(root, &p, out);
                } else {
                    out.push(
                        p.strip_prefix(root)
                            .unwrap()
                            .to_string_lossy()
                            .replace('\\', "/"),
                    );
                }
            }
        }
        walk(&root, &root.join("client"), &mut on_disk);
        on_disk.sort();
        let mut embedded: Vec<String> = EMBEDDED.iter().map(|(p, _)| p.to_string()).collect();
        embedded.sort();
        assert_eq!(
            embedded, on_disk,
            "add every file of features/client/ to kit::features::EMBEDDED"
        );
        for (rel, text) in EMBEDDED {
            assert_eq!(
                std::fs::read_to_string(root.join(rel)).unwrap(),
                *text,
                "{rel}"
            );
        }
    }

    #[test]
    fn every_embedded_feature_parses_and_is_a_client_feature() {
        for (rel, text) in Source::Embedded.features().unwrap() {
            let f = parse(&rel, &text).unwrap_or_else(|e| panic!("{rel}: {e}"));
            assert!(
                f.tags.iter().any(|t| t == "client"),
                "{rel}: tag it @client"
            );
            assert!(!f.scenarios.is_empty(), "{rel}");
        }
    }

    #[test]
    fn a_directory_source_reads_its_features_at_any_depth() {
        let dir = std::env::temp_dir().join(format!("nss-kit-src-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("a/b")).unwrap();
        std::fs::write(dir.join("a/b/x.feature"), "Feature: x\n").unwrap();
        std::fs::write(dir.join("y.txt"), "").unwrap();
        let source = Source::Dir(dir.clone());
        let files = source.features().unwrap();
        assert_eq!(
            files,
            [("a/b/x.feature".to_string(), "Feature: x\n".to_string())]
        );
        assert!(Source::Embedded.write("x", "y").is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
