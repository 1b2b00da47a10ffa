//! A posted form as the screens read it: its fields in order and its uploaded files. The HTTP
//! layer reads the request body into this shape (`http::form::read`) before any workspace is
//! locked; the urlencoded reader is here because query strings are read with it too.

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
}

/// The pairs of an `application/x-www-form-urlencoded` body, exactly as `form_urlencoded::parse`
/// gives them (the tests compare the two): `&`-separated, empty pieces skipped, the name up to the
/// first `=`, `+` for a space, `%XX` decoded where XX is hex and kept as it is otherwise, invalid
/// UTF-8 replaced by U+FFFD. Written out because every NSS post goes through it: this decodes each
/// name and value in one pass into its final `String`, where the generic parser scans each twice
/// and goes through a byte iterator and `Cow`s (docs/performance.md). Query strings are read
/// with it too.
pub fn parse_urlencoded(body: &[u8]) -> Vec<(String, String)> {
    body.split(|&b| b == b'&')
        .filter(|piece| !piece.is_empty())
        .map(|piece| {
            let (name, value) = match piece.iter().position(|&b| b == b'=') {
                Some(i) => (&piece[..i], &piece[i + 1..]),
                None => (piece, &[][..]),
            };
            (decode_component(name), decode_component(value))
        })
        .collect()
}

fn decode_component(input: &[u8]) -> String {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while let Some(&b) = input.get(i) {
        i += 1;
        match b {
            b'+' => out.push(b' '),
            b'%' => match (input.get(i).and_then(hex), input.get(i + 1).and_then(hex)) {
                (Some(high), Some(low)) => {
                    out.push(high << 4 | low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            _ => out.push(b),
        }
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn hex(b: &u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::parse_urlencoded;

    fn reference(body: &[u8]) -> Vec<(String, String)> {
        form_urlencoded::parse(body).into_owned().collect()
    }

    #[test]
    fn urlencoded_bodies_read_as_form_urlencoded_reads_them() {
        let bodies: &[&[u8]] = &[
            b"",
            b"&",
            b"&&a=1&&",
            b"a",
            b"a=",
            b"=b",
            b"=",
            b"a=1&a=2&b=%E8%B2%BF%E6%98%93",
            b"op=next&_flow=abc123&last_name=%E9%80%9A%E9%96%A2",
            b"a+b=c+d&e=f%20g+h",
            b"plus=%2B&pct=%25&eq=a=b=c&amp=%26",
            b"bad=%&bad2=%4&bad3=%zz&bad4=%4g&bad5=%%41&tail=%",
            b"case=%e3%81%82%E3%81%82&mixed=%aB",
            b"sign=%+1&sign2=%1+",
            b"invalid=%FF%FE&half=%E3%81&lone=\xff",
            "raw=日本語&k=v".as_bytes(),
            b"ctl=%00%0A%0D%09&quote=%22%5C",
            &[0xff, b'=', 0xc3, 0x28, b'&', b'x'],
        ];
        for body in bodies {
            assert_eq!(
                parse_urlencoded(body),
                reference(body),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn every_byte_after_a_percent_sign_reads_the_same() {
        for a in 0..=255u8 {
            for b in [
                b'0', b'9', b'a', b'f', b'A', b'F', b'g', b'+', b'%', 0xe3, a,
            ] {
                let body = [b'k', b'=', b'%', a, b, b'x', b'&', b'%', a];
                assert_eq!(parse_urlencoded(&body), reference(&body), "{body:?}");
            }
        }
    }
}
