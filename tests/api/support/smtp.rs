//! A small SMTP server for the tests: it accepts every message (or refuses chosen recipients
//! with 550) and keeps what it received, as a mail catcher would.

use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// The message data, dot-unstuffed, up to and including the CRLF before the final ".".
    pub data: Vec<u8>,
}

/// The running sink.
pub struct SmtpSink {
    /// `smtp://127.0.0.1:PORT`.
    pub url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl SmtpSink {
    /// Starts a sink on a free port that answers 550 to the recipients in `refuse`.
    pub async fn start(refuse: &[&str]) -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("smtp://{}", listener.local_addr().unwrap());
        let received: Arc<Mutex<Vec<Received>>> = Arc::default();
        let refuse: Vec<String> = refuse.iter().map(|r| r.to_string()).collect();
        let store = Arc::clone(&received);
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let store = Arc::clone(&store);
                let refuse = refuse.clone();
                tokio::spawn(async move {
                    let _ = session(socket, &refuse, &store).await;
                });
            }
        });
        SmtpSink { url, received }
    }

    /// Every message received so far, in order.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

async fn session(
    socket: tokio::net::TcpStream,
    refuse: &[String],
    store: &Mutex<Vec<Received>>,
) -> std::io::Result<()> {
    let (read, mut write) = socket.into_split();
    let mut read = BufReader::new(read);
    write.write_all(b"220 sink ESMTP\r\n").await?;
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if read.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_string();
        let upper = command.to_ascii_uppercase();
        let arg = |prefix: &str| {
            command[prefix.len()..]
                .trim()
                .trim_start_matches('<')
                .split('>')
                .next()
                .unwrap_or("")
                .to_string()
        };
        let answer: &[u8] = if upper.starts_with("EHLO") {
            b"250-sink\r\n250 8BITMIME\r\n"
        } else if upper.starts_with("MAIL FROM:") {
            from = arg("MAIL FROM:");
            to.clear();
            b"250 OK\r\n"
        } else if upper.starts_with("RCPT TO:") {
            let rcpt = arg("RCPT TO:");
            if refuse.contains(&rcpt) {
                b"550 5.1.1 no such user here\r\n"
            } else {
                to.push(rcpt);
                b"250 OK\r\n"
            }
        } else if upper == "DATA" {
            write.write_all(b"354 go ahead\r\n").await?;
            let data = read_data(&mut read).await?;
            store.lock().unwrap().push(Received {
                mail_from: from.clone(),
                rcpt_to: to.clone(),
                data,
            });
            b"250 OK queued\r\n"
        } else if upper == "QUIT" {
            write.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else {
            b"250 OK\r\n"
        };
        write.write_all(answer).await?;
    }
}

/// Reads the data up to the line holding only ".", and undoes the dot-stuffing.
async fn read_data(
    read: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
) -> std::io::Result<Vec<u8>> {
    let mut raw = Vec::new();
    let mut byte = [0u8; 1];
    while !(raw.ends_with(b"\r\n.\r\n") || raw == b".\r\n") {
        if read.read(&mut byte).await? == 0 {
            break;
        }
        raw.push(byte[0]);
    }
    raw.truncate(raw.len().saturating_sub(3)); // the ".\r\n" line
    let mut data = Vec::with_capacity(raw.len());
    for line in raw.split_inclusive(|b| *b == b'\n') {
        data.extend_from_slice(line.strip_prefix(b".").unwrap_or(line));
    }
    Ok(data)
}
