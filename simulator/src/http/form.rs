//! A posted form, urlencoded or multipart, read into one shape before any workspace is locked.

use axum::body::Bytes;
use axum::extract::multipart::Multipart;
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;

/// An uploaded file: the simulator keeps its name and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub field: String,
    pub filename: String,
    pub size: u64,
}

/// The fields of a posted form, in order (check boxes repeat their name).
#[derive(Debug, Clone, Default)]
pub struct FormInput {
    pub pairs: Vec<(String, String)>,
    pub files: Vec<Upload>,
}

impl FormInput {
    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The pressed button's value (every NSS button is named `op`).
    pub fn op(&self) -> &str {
        self.get("op").unwrap_or("")
    }

    /// A non-empty uploaded file of `field`.
    pub fn file(&self, field: &str) -> Option<&Upload> {
        self.files
            .iter()
            .find(|u| u.field == field && !u.filename.is_empty())
    }

    /// Builds a form from pairs (tests).
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Self {
        FormInput {
            pairs: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            files: Vec::new(),
        }
    }

    /// Reads the request body. A body that cannot be read is an empty form: the screen then
    /// answers with its own validation errors instead of a 4xx/5xx.
    pub async fn read(req: Request) -> Self {
        let content_type = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        if content_type.starts_with("multipart/form-data") {
            let Ok(mut multipart) = Multipart::from_request(req, &()).await else {
                return FormInput::default();
            };
            let mut form = FormInput::default();
            while let Ok(Some(field)) = multipart.next_field().await {
                let name = field.name().unwrap_or("").to_string();
                let filename = field.file_name().map(str::to_string);
                let Ok(data) = field.bytes().await else { break };
                match filename {
                    Some(filename) => form.files.push(Upload {
                        field: name,
                        filename,
                        size: data.len() as u64,
                    }),
                    None => form
                        .pairs
                        .push((name, String::from_utf8_lossy(&data).into_owned())),
                }
            }
            form
        } else {
            let Ok(bytes) = Bytes::from_request(req, &()).await else {
                return FormInput::default();
            };
            // `form_urlencoded` is what serde_urlencoded parses with; reading the pairs from it
            // directly gives the same pairs without a deserializer per value (docs/performance.md).
            FormInput {
                pairs: form_urlencoded::parse(&bytes).into_owned().collect(),
                files: Vec::new(),
            }
        }
    }
}
