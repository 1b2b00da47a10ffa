//! A lean HTTP/1.1 client: one kept-alive loopback connection per simulated user, no redirect
//! following, no cookie jar (the flow keeps its one session cookie itself), so that the load
//! generator spends as little of the shared CPU as it can.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::{self, SendRequest};
use hyper::header::{ACCEPT, CONTENT_TYPE, COOKIE, HOST, HeaderValue, LOCATION, SET_COOKIE};
use hyper::{Method, Request};
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpStream;

/// No request may take longer than this; one that does is an error.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The session cookie's name (simulator/src/http/nss.rs).
const SESSION_COOKIE: &str = "NSSSESSION";

/// What became of the session cookie.
pub enum CookieChange {
    Set(String),
    Clear,
}

pub struct Response {
    pub status: u16,
    pub location: Option<String>,
    pub cookie: Option<CookieChange>,
    pub body: Bytes,
}

pub struct Conn {
    addr: SocketAddr,
    host: HeaderValue,
    sender: Option<SendRequest<Full<Bytes>>>,
}

impl Conn {
    pub fn new(addr: SocketAddr) -> Self {
        assert!(
            addr.ip().is_loopback(),
            "the bench only talks to the loopback"
        );
        let host = HeaderValue::from_str(&addr.to_string()).expect("an address is a valid header");
        Conn {
            addr,
            host,
            sender: None,
        }
    }

    /// Drops the connection; the next request opens a new one.
    pub fn reset(&mut self) {
        self.sender = None;
    }

    /// One request. `cookie` is the session token; `body` is (content type, bytes).
    pub async fn send(
        &mut self,
        method: Method,
        path: &str,
        cookie: Option<&str>,
        body: Option<(&'static str, Bytes)>,
    ) -> Result<Response, String> {
        match tokio::time::timeout(REQUEST_TIMEOUT, self.exchange(method, path, cookie, body)).await
        {
            Ok(Ok(r)) => Ok(r),
            Ok(Err(e)) => {
                self.reset();
                Err(e)
            }
            Err(_) => {
                self.reset();
                Err(format!("no answer within {REQUEST_TIMEOUT:?}"))
            }
        }
    }

    async fn exchange(
        &mut self,
        method: Method,
        path: &str,
        cookie: Option<&str>,
        body: Option<(&'static str, Bytes)>,
    ) -> Result<Response, String> {
        if self.sender.is_none() {
            let stream = TcpStream::connect(self.addr)
                .await
                .map_err(|e| format!("connect: {e}"))?;
            stream
                .set_nodelay(true)
                .map_err(|e| format!("nodelay: {e}"))?;
            let (sender, conn) = http1::handshake(TokioIo::new(stream))
                .await
                .map_err(|e| format!("handshake: {e}"))?;
            tokio::spawn(async move {
                let _ = conn.await;
            });
            self.sender = Some(sender);
        }
        let sender = self.sender.as_mut().expect("connected above");
        sender
            .ready()
            .await
            .map_err(|e| format!("connection: {e}"))?;
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(HOST, self.host.clone())
            .header(ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(token) = cookie {
            req = req.header(COOKIE, format!("{SESSION_COOKIE}={token}"));
        }
        let req = match body {
            Some((ctype, bytes)) => req.header(CONTENT_TYPE, ctype).body(Full::new(bytes)),
            None => req.body(Full::new(Bytes::new())),
        }
        .map_err(|e| format!("request: {e}"))?;
        let res = sender
            .send_request(req)
            .await
            .map_err(|e| format!("request: {e}"))?;
        let (parts, body) = res.into_parts();
        let body = body
            .collect()
            .await
            .map_err(|e| format!("body: {e}"))?
            .to_bytes();
        let location = parts
            .headers
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let cookie = parts
            .headers
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(session_cookie);
        Ok(Response {
            status: parts.status.as_u16(),
            location,
            cookie,
            body,
        })
    }
}

/// Reads `NSSSESSION=…; Path=…; Max-Age=0` into what it does to the session.
fn session_cookie(header: &str) -> Option<CookieChange> {
    let mut parts = header.split(';');
    let (name, value) = parts.next()?.trim().split_once('=')?;
    if name != SESSION_COOKIE {
        return None;
    }
    let expired = parts.any(|a| a.trim().eq_ignore_ascii_case("max-age=0"));
    Some(if expired || value.is_empty() {
        CookieChange::Clear
    } else {
        CookieChange::Set(value.to_string())
    })
}

/// `application/x-www-form-urlencoded` of one name or value.
pub fn urlencode(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
    }
}
