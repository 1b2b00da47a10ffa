//! Reading a posted form from the request body, before any workspace is locked.

use crate::screen::form::{FormInput, Upload, parse_urlencoded};
use axum::body::Bytes;
use axum::extract::multipart::Multipart;
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;

/// Reads the request body. A body that cannot be read is an empty form: the screen then
/// answers with its own validation errors instead of a 4xx/5xx.
pub async fn read(req: Request) -> FormInput {
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
            let Ok(data) = field.bytes().await else {
                // Over the body limit (2 MiB): what was read is kept, and the screen says so.
                form.truncated = true;
                break;
            };
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
        FormInput {
            pairs: parse_urlencoded(&bytes),
            files: Vec::new(),
            truncated: false,
        }
    }
}
