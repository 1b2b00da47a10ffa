//! Reading a posted form from the request body, before any workspace is locked.

use crate::limits::Limits;
use crate::screen::form::{FormInput, Upload, parse_urlencoded};
use axum::extract::multipart::Multipart;
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;

/// A form refused for its size (answered 413, the bound named).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The form, file contents aside, is larger than `Limits::body_bytes`.
    Body { limit: usize },
    /// One attached file is larger than `Limits::attachment_bytes`.
    Attachment { filename: String, limit: usize },
}

/// Reads the request body. A body that cannot be read (malformed) is an empty form: the screen
/// then answers with its own validation errors. A body beyond the bounds is refused. Attached
/// files are counted, never kept: a screen records their name and size only.
pub async fn read(req: Request, limits: &Limits) -> Result<FormInput, Refused> {
    let content_type = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/form-data") {
        let Ok(mut multipart) = Multipart::from_request(req, &()).await else {
            return Ok(FormInput::default());
        };
        let mut form = FormInput::default();
        let mut text_bytes = 0usize;
        loop {
            let mut field = match multipart.next_field().await {
                Ok(Some(field)) => field,
                Ok(None) => break,
                Err(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                    return Err(Refused::Body {
                        limit: limits.multipart_bytes(),
                    });
                }
                Err(_) => break,
            };
            let name = field.name().unwrap_or("").to_string();
            let filename = field.file_name().map(str::to_string);
            let cap = match filename {
                Some(_) => limits.attachment_bytes,
                None => limits.body_bytes.saturating_sub(text_bytes),
            };
            let mut size = 0usize;
            let mut text = Vec::new();
            loop {
                match field.chunk().await {
                    Ok(Some(chunk)) => {
                        size = size.saturating_add(chunk.len());
                        if size > cap {
                            return Err(match filename {
                                Some(filename) => Refused::Attachment {
                                    filename,
                                    limit: limits.attachment_bytes,
                                },
                                None => Refused::Body {
                                    limit: limits.body_bytes,
                                },
                            });
                        }
                        if filename.is_none() {
                            text.extend_from_slice(&chunk);
                        }
                    }
                    Ok(None) => break,
                    Err(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                        return Err(Refused::Body {
                            limit: limits.multipart_bytes(),
                        });
                    }
                    Err(_) => return Ok(form),
                }
            }
            match filename {
                Some(filename) => form.files.push(Upload {
                    field: name,
                    filename,
                    size: size as u64,
                }),
                None => {
                    text_bytes += size;
                    form.pairs
                        .push((name, String::from_utf8_lossy(&text).into_owned()));
                }
            }
        }
        Ok(form)
    } else {
        match axum::body::to_bytes(req.into_body(), limits.body_bytes).await {
            Ok(bytes) => Ok(FormInput {
                pairs: parse_urlencoded(&bytes),
                files: Vec::new(),
            }),
            // The only error of a bounded read that is not the sender's fault to fix is the bound.
            Err(e) if is_length_limit(&e) => Err(Refused::Body {
                limit: limits.body_bytes,
            }),
            Err(_) => Ok(FormInput::default()),
        }
    }
}

/// Whether a body error is the bound being reached (axum wraps http-body-util's error).
fn is_length_limit(e: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = source {
        if s.to_string().contains("length limit exceeded") {
            return true;
        }
        source = s.source();
    }
    false
}
