//! The measured flow: a temporary account (P1) and a new application (P2) of manual 000, through
//! the JSON rendering, in a workspace of its own, as tests/support/mod.rs walks it.
//!
//! The first flow of a run is walked *learning*: every screen is parsed in full, every field the
//! bench sets and every button it presses is checked to exist, and the form a browser would send
//! (every field's current value, the bench's values over them) is recorded per press. The measured
//! flows then replay those forms, taking each screen's `_flow` token, checking each answer's
//! status, `Location`, screen id and (where the screen stays) its empty `errors`, and end on
//! `new_application.complete` — or count as an error.

use crate::client::{Conn, CookieChange, Response, urlencode};
use crate::stats::Histogram;
use bytes::Bytes;
use hyper::Method;
use serde::Deserialize;
use std::time::Instant;

/// The workspace clock of every flow (M000 is dated 2018-11-27).
pub const NOW: &str = "2018-11-27T16:30:00+09:00";

/// How a request is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// GET of an NSS screen.
    GetScreen = 0,
    /// A POST that validates and moves on or stays (every POST but the two registering ones).
    PostValidating = 1,
    /// temp_account.confirm and new_application.confirm 「申込内容を登録する」.
    PostRegistering = 2,
    /// `/_sim/api/` (create the workspace, read the mail, delete the workspace).
    Api = 3,
}

pub const KIND_NAMES: [&str; 4] = ["get_screen", "post_validating", "post_registering", "api"];

/// Latencies by kind.
#[derive(Clone, Default)]
pub struct Recorder {
    pub kinds: [Histogram; 4],
}

impl Recorder {
    pub fn merge(&mut self, other: &Recorder) {
        for (a, b) in self.kinds.iter_mut().zip(&other.kinds) {
            a.merge(b);
        }
    }

    /// Every NSS request (all kinds but the API).
    pub fn nss(&self) -> Histogram {
        let mut all = self.kinds[0].clone();
        all.merge(&self.kinds[1]);
        all.merge(&self.kinds[2]);
        all
    }
}

/// A value the bench types into a field.
pub enum V {
    Lit(&'static str),
    /// The 仮ログインID of the mail.
    LoginId,
    /// The 仮パスワード of the mail.
    Password,
}

/// Where a press leads.
pub enum Then {
    /// 303 to this path (relative to the workspace base), which shows this screen.
    Go(&'static str, &'static str),
    /// 200 with the same screen and no errors (反映, 設定する).
    Stay,
}

pub enum Step {
    /// GET a path relative to the workspace base, which shows this screen.
    Open(&'static str, &'static str),
    /// Set fields (by name) and press the button `op=…`.
    Press {
        op: &'static str,
        set: &'static [(&'static str, V)],
        kind: Kind,
        then: Then,
    },
    /// Read the temporary ID and password from the workspace's mails (M000 【10】).
    Mail,
}

use Kind::{PostRegistering as Registering, PostValidating as Validating};

const fn press(
    op: &'static str,
    set: &'static [(&'static str, V)],
    kind: Kind,
    then: Then,
) -> Step {
    Step::Press {
        op,
        set,
        kind,
        then,
    }
}

/// The manual 000 data (M000 【6】–【24】), as tests/support/mod.rs `manual000` types it.
const TEMP_INPUT: &[(&str, V)] = &[
    ("company", V::Lit("電子化・効率化推進室")),
    ("company_kana", V::Lit("デンシカ・コウリツカスイシンシツ")),
    ("last_name", V::Lit("貿易")),
    ("first_name", V::Lit("太郎")),
    ("last_name_kana", V::Lit("ボウエキ")),
    ("first_name_kana", V::Lit("タロウ")),
    ("tel", V::Lit("0335010953")),
    ("email", V::Lit("qqfcbj@meti.go.jp")),
    ("email_confirm", V::Lit("qqfcbj@meti.go.jp")),
];

const OFFICE: &[(&str, V)] = &[
    ("start_wish", V::Lit("20181225")),
    ("office_name", V::Lit("本社")),
    ("office_kana", V::Lit("ホンシャ")),
    ("office_postal", V::Lit("1008901")),
    ("office_street", V::Lit("霞が関１丁目３－１")),
    ("office_address_kana", V::Lit("カスミガセキ１－３－１")),
    ("office_tel", V::Lit("0335010953")),
    ("office_fax", V::Lit("0335015896")),
    ("customs", V::Lit("tokyo")),
    ("contractor_last_name", V::Lit("経産")),
    ("contractor_first_name", V::Lit("一郎")),
    ("contractor_last_name_kana", V::Lit("ケイサン")),
    ("contractor_first_name_kana", V::Lit("イチロウ")),
    ("contractor_title", V::Lit("代表取締役社長")),
    ("security_ack", V::Lit("1")),
];

/// The whole flow, 32 NSS requests and the mail.
pub const FLOW: &[Step] = &[
    Step::Open("apply/", "temp_account.guidance"),
    press(
        "agree",
        &[],
        Validating,
        Then::Go("apply/input", "temp_account.input"),
    ),
    press(
        "next",
        TEMP_INPUT,
        Validating,
        Then::Go("apply/confirm", "temp_account.confirm"),
    ),
    press(
        "register",
        &[],
        Registering,
        Then::Go("apply/complete", "temp_account.complete"),
    ),
    Step::Mail,
    Step::Open("login/nsscoapp/", "login.form"),
    press(
        "login",
        &[("login_id", V::LoginId), ("password", V::Password)],
        Validating,
        Then::Go("app/guidance", "new_application.guidance"),
    ),
    press(
        "next",
        &[],
        Validating,
        Then::Go("app/applicant", "new_application.applicant"),
    ),
    press(
        "next",
        &[(
            "reason",
            V::Lit("経済産業省に、輸出許可申請や輸入承認申請等を行うため。"),
        )],
        Validating,
        Then::Go("app/office", "new_application.office"),
    ),
    press(
        "reflect_office",
        &[("office_postal", V::Lit("1008901"))],
        Validating,
        Then::Stay,
    ),
    press(
        "net",
        OFFICE,
        Validating,
        Then::Go("app/users", "new_application.user_codes"),
    ),
    press(
        "add_new",
        &[],
        Validating,
        Then::Go("app/users/detail", "new_application.user_code_detail"),
    ),
    press(
        "set",
        &[
            ("system", V::Lit("sea_and_air")),
            ("industries", V::Lit("trade_control_trader")),
            ("method", V::Lit("netnaccs")),
            ("count", V::Lit("1")),
        ],
        Validating,
        Then::Stay,
    ),
    press(
        "apply",
        &[],
        Validating,
        Then::Go("app/users", "new_application.user_codes"),
    ),
    press(
        "next",
        &[],
        Validating,
        Then::Go("app/terminals", "new_application.terminals"),
    ),
    press(
        "next",
        &[("terminals_net", V::Lit("5")), ("no_diagram", V::Lit("1"))],
        Validating,
        Then::Go("app/plan", "new_application.plan"),
    ),
    press(
        "next",
        &[("plan", V::Lit("plan_b"))],
        Validating,
        Then::Go("app/billing", "new_application.billing"),
    ),
    press(
        "next",
        &[],
        Validating,
        Then::Go("app/confirm", "new_application.confirm"),
    ),
    press(
        "register",
        &[],
        Registering,
        Then::Go("app/complete", "new_application.complete"),
    ),
];

/// Where every flow must end.
pub const FINAL_SCREEN: &str = "new_application.complete";

/// The screen the ceiling measurement GETs over and over: an input screen of a logged-in
/// session with a prefilled form, the size of the flow's average screen.
pub const TYPICAL_SCREEN: &str = "new_application.applicant";

/// The number of steps that lead to `TYPICAL_SCREEN`.
pub fn steps_to_typical_screen() -> usize {
    FLOW.iter()
        .position(
            |s| matches!(s, Step::Press { then: Then::Go(_, id), .. } if *id == TYPICAL_SCREEN),
        )
        .expect("the flow passes the typical screen")
        + 1
}

/// Checks the flow's paths and screen ids against the simulator's own table, so that a moved
/// route fails here with a clear message rather than as a run of errors.
pub fn check_routes() -> Result<(), String> {
    for step in FLOW {
        let (path, id) = match step {
            Step::Open(p, id)
            | Step::Press {
                then: Then::Go(p, id),
                ..
            } => (*p, *id),
            _ => continue,
        };
        let served = nss_simulator::procedures::registry::screen(id).map(|d| d.path);
        if let Some(p) = served.filter(|p| *p != path) {
            return Err(format!(
                "the simulator serves {id} at {p}, the bench expects {path}"
            ));
        }
    }
    Ok(())
}

/// One field of a recorded form.
enum Val {
    Lit(String),
    Flow,
    LoginId,
    Password,
}

/// The urlencoded form of one press, with the parts that change per flow left open.
pub struct Template {
    pairs: Vec<(String, Val)>,
}

impl Template {
    fn render(
        &self,
        token: Option<&str>,
        creds: Option<&(String, String)>,
    ) -> Result<String, String> {
        let mut out = String::with_capacity(1024);
        for (i, (name, v)) in self.pairs.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.push_str(name);
            out.push('=');
            match v {
                Val::Lit(s) => out.push_str(s),
                Val::Flow => urlencode(token.ok_or("the screen has no _flow token")?, &mut out),
                Val::LoginId => urlencode(&creds.ok_or("no temporary ID yet")?.0, &mut out),
                Val::Password => urlencode(&creds.ok_or("no temporary password yet")?.1, &mut out),
            }
        }
        Ok(out)
    }
}

/// What the learning flow found: the form of every press.
#[derive(Default)]
pub struct Plan {
    templates: Vec<Option<Template>>,
}

/// The screen document, as much of it as the learning flow reads (contract §4).
#[derive(Deserialize)]
struct Doc {
    screen: String,
    #[serde(default)]
    errors: Vec<String>,
    #[serde(default)]
    forms: Vec<FormDoc>,
}

#[derive(Deserialize)]
struct FormDoc {
    action: String,
    fields: Vec<FieldDoc>,
    buttons: Vec<ButtonDoc>,
}

#[derive(Deserialize)]
struct FieldDoc {
    name: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    options: Vec<OptionDoc>,
}

#[derive(Deserialize)]
struct OptionDoc {
    value: String,
    selected: bool,
}

#[derive(Deserialize)]
struct ButtonDoc {
    name: String,
    value: String,
}

#[derive(Deserialize)]
struct MailDoc {
    text: String,
}

#[derive(Deserialize)]
struct CreatedDoc {
    id: String,
}

/// Learning (parse everything, record the forms) or replaying.
pub enum Mode<'a> {
    Learn(&'a mut Plan),
    Replay(&'a Plan),
}

/// A user walking the screens of one workspace.
pub struct Walk<'a> {
    conn: &'a mut Conn,
    rec: Option<&'a mut Recorder>,
    pub ws: String,
    /// `/w/{ws}/`.
    base: String,
    /// The absolute path of the screen the user stands on.
    pub path: String,
    screen: &'static str,
    pub cookie: Option<String>,
    token: Option<String>,
    creds: Option<(String, String)>,
    doc: Option<Doc>,
}

/// The first occurrence of `needle` in `hay` at or after `from`.
fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|p| p + from)
}

fn skip_whitespace(hay: &[u8], mut at: usize) -> usize {
    while hay.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// `"key"` followed by `:` and a string without escapes, searched from `from`. Answers are
/// scanned as bytes: validating every document as UTF-8, let alone parsing it, would cost the
/// shared CPU more than a good part of the simulator's own rendering (the learning flow parses).
fn scan_string<'b>(body: &'b [u8], quoted_key: &[u8], from: usize) -> Option<&'b str> {
    let mut at = from;
    loop {
        at = find(body, quoted_key, at)? + quoted_key.len();
        let colon = skip_whitespace(body, at);
        if body.get(colon) != Some(&b':') {
            continue;
        }
        let open = skip_whitespace(body, colon + 1);
        if body.get(open) != Some(&b'"') {
            return None;
        }
        let len = memchr::memchr(b'"', &body[open + 1..])?;
        let value = &body[open + 1..open + 1 + len];
        return if value.contains(&b'\\') {
            None
        } else {
            std::str::from_utf8(value).ok()
        };
    }
}

/// The `screen` of a screen document.
pub fn screen_id(body: &[u8]) -> Option<&str> {
    scan_string(body, b"\"screen\"", 0)
}

/// Whether the document's `errors` list is non-empty.
fn has_errors(body: &[u8]) -> bool {
    let Some(p) = find(body, b"\"errors\"", 0) else {
        return false;
    };
    let mut at = skip_whitespace(body, p + 8);
    if body.get(at) == Some(&b':') {
        at = skip_whitespace(body, at + 1);
    }
    if body.get(at) == Some(&b'[') {
        at = skip_whitespace(body, at + 1);
    }
    body.get(at) != Some(&b']')
}

/// Creates a workspace (seed, frozen clock) and returns its id.
pub async fn create_workspace(
    conn: &mut Conn,
    seed: u64,
    rec: Option<&mut Recorder>,
) -> Result<String, String> {
    let body = Bytes::from(format!(r#"{{"seed": {seed}, "now": "{NOW}"}}"#));
    let t = Instant::now();
    let r = conn
        .send(
            Method::POST,
            "/_sim/api/workspaces",
            None,
            Some(("application/json", body)),
        )
        .await?;
    if let Some(rec) = rec {
        rec.kinds[Kind::Api as usize].record(t.elapsed());
    }
    if r.status != 201 {
        return Err(format!("creating a workspace answered {}", r.status));
    }
    let doc: CreatedDoc =
        serde_json::from_slice(&r.body).map_err(|e| format!("creating a workspace: {e}"))?;
    Ok(doc.id)
}

/// Deletes a workspace.
pub async fn delete_workspace(
    conn: &mut Conn,
    ws: &str,
    rec: Option<&mut Recorder>,
) -> Result<(), String> {
    let t = Instant::now();
    let r = conn
        .send(
            Method::DELETE,
            &format!("/_sim/api/workspaces/{ws}"),
            None,
            None,
        )
        .await?;
    if let Some(rec) = rec {
        rec.kinds[Kind::Api as usize].record(t.elapsed());
    }
    if r.status != 204 {
        return Err(format!("deleting workspace {ws} answered {}", r.status));
    }
    Ok(())
}

impl<'a> Walk<'a> {
    pub fn new(conn: &'a mut Conn, ws: String, rec: Option<&'a mut Recorder>) -> Self {
        let base = format!("/w/{ws}/");
        Walk {
            conn,
            rec,
            ws,
            path: base.clone(),
            base,
            screen: "",
            cookie: None,
            token: None,
            creds: None,
            doc: None,
        }
    }

    async fn call(
        &mut self,
        kind: Kind,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<Response, String> {
        let body = body.map(|b| ("application/x-www-form-urlencoded", Bytes::from(b)));
        let cookie = if kind == Kind::Api {
            None
        } else {
            self.cookie.as_deref()
        };
        let t = Instant::now();
        let r = self.conn.send(method, path, cookie, body).await?;
        if let Some(rec) = self.rec.as_deref_mut() {
            rec.kinds[kind as usize].record(t.elapsed());
        }
        match &r.cookie {
            Some(CookieChange::Set(v)) => self.cookie = Some(v.clone()),
            Some(CookieChange::Clear) => self.cookie = None,
            None => {}
        }
        Ok(r)
    }

    /// Walks `steps` of `FLOW` (from the start) and checks every answer.
    pub async fn walk(&mut self, steps: usize, mode: &mut Mode<'_>) -> Result<(), String> {
        for (i, step) in FLOW.iter().take(steps).enumerate() {
            self.step(i, step, mode).await.map_err(|e| {
                format!(
                    "step {i} on {}: {e}",
                    if self.screen.is_empty() {
                        "-"
                    } else {
                        self.screen
                    }
                )
            })?;
        }
        Ok(())
    }

    async fn step(&mut self, i: usize, step: &Step, mode: &mut Mode<'_>) -> Result<(), String> {
        match step {
            Step::Open(rel, id) => {
                let path = format!("{}{rel}", self.base);
                self.open(path, id, mode).await
            }
            Step::Mail => self.read_mail().await,
            Step::Press {
                op,
                set,
                kind,
                then,
            } => {
                let form = match mode {
                    Mode::Learn(plan) => {
                        let template = self.learn(op, set)?;
                        let form = template.render(self.token.as_deref(), self.creds.as_ref())?;
                        if plan.templates.len() <= i {
                            plan.templates.resize_with(i + 1, || None);
                        }
                        plan.templates[i] = Some(template);
                        form
                    }
                    Mode::Replay(plan) => plan
                        .templates
                        .get(i)
                        .and_then(Option::as_ref)
                        .ok_or("the learning flow recorded no form here")?
                        .render(self.token.as_deref(), self.creds.as_ref())?,
                };
                let path = self.path.clone();
                let r = self.call(*kind, Method::POST, &path, Some(form)).await?;
                match then {
                    Then::Go(rel, id) => {
                        let expected = format!("{}{rel}", self.base);
                        if r.status != 303 || r.location.as_deref() != Some(expected.as_str()) {
                            return Err(format!(
                                "op={op}: expected 303 to {expected}, got {} to {:?}{}",
                                r.status,
                                r.location,
                                error_list(&r.body)
                            ));
                        }
                        self.open(expected, id, mode).await
                    }
                    Then::Stay => {
                        let id = self.screen;
                        self.land(r, id, mode).map_err(|e| format!("op={op}: {e}"))
                    }
                }
            }
        }
    }

    async fn open(
        &mut self,
        path: String,
        id: &'static str,
        mode: &Mode<'_>,
    ) -> Result<(), String> {
        let r = self.call(Kind::GetScreen, Method::GET, &path, None).await?;
        self.path = path;
        self.land(r, id, mode)
    }

    /// Checks a screen answer and takes its `_flow` token.
    fn land(&mut self, r: Response, id: &'static str, mode: &Mode<'_>) -> Result<(), String> {
        if r.status != 200 {
            return Err(format!("expected 200 with {id}, got {}", r.status));
        }
        let body = &r.body[..];
        match mode {
            Mode::Learn(_) => {
                let doc: Doc = serde_json::from_slice(body)
                    .map_err(|e| format!("{id} is not a screen document: {e}"))?;
                if doc.screen != id {
                    return Err(format!(
                        "expected {id}, got {}{}",
                        doc.screen,
                        error_list(body)
                    ));
                }
                if !doc.errors.is_empty() {
                    return Err(format!("{id} shows errors: {:?}", doc.errors));
                }
                self.token = doc
                    .forms
                    .first()
                    .and_then(|f| f.fields.iter().find(|f| f.name == "_flow"))
                    .and_then(|f| f.value.clone());
                self.doc = Some(doc);
            }
            Mode::Replay(_) => {
                let screen = screen_id(body).unwrap_or("?");
                if screen != id {
                    return Err(format!("expected {id}, got {screen}{}", error_list(body)));
                }
                if has_errors(body) {
                    return Err(format!("{id} shows errors{}", error_list(body)));
                }
                self.token = find(body, b"\"_flow\"", 0)
                    .and_then(|p| scan_string(body, b"\"value\"", p))
                    .map(str::to_string);
            }
        }
        self.screen = id;
        Ok(())
    }

    /// The form a browser would send: the rendered values, the bench's values over them, the button.
    fn learn(&self, op: &str, set: &[(&str, V)]) -> Result<Template, String> {
        let doc = self.doc.as_ref().ok_or("no screen parsed")?;
        let form = doc
            .forms
            .first()
            .ok_or_else(|| format!("{} has no form", doc.screen))?;
        if form.action != self.path {
            return Err(format!(
                "the form posts to {}, not to the screen's own {}",
                form.action, self.path
            ));
        }
        if !form.buttons.iter().any(|b| b.name == "op" && b.value == op) {
            return Err(format!("{} has no button op={op}", doc.screen));
        }
        let mut pairs: Vec<(String, Val)> = Vec::new();
        for f in &form.fields {
            match f.kind.as_str() {
                "radio" | "checkbox" | "select" => {
                    for o in f.options.iter().filter(|o| o.selected) {
                        pairs.push((f.name.clone(), Val::Lit(o.value.clone())));
                    }
                }
                "file" => {}
                _ if f.name == "_flow" => pairs.push((f.name.clone(), Val::Flow)),
                _ => pairs.push((
                    f.name.clone(),
                    Val::Lit(f.value.clone().unwrap_or_default()),
                )),
            }
        }
        for (name, _) in set {
            if !form.fields.iter().any(|f| f.name == *name) {
                return Err(format!("{} has no field {name}", doc.screen));
            }
            pairs.retain(|(n, _)| n != name);
        }
        for (name, v) in set {
            let v = match v {
                V::Lit(s) => Val::Lit(s.to_string()),
                V::LoginId => Val::LoginId,
                V::Password => Val::Password,
            };
            pairs.push((name.to_string(), v));
        }
        pairs.push(("op".to_string(), Val::Lit(op.to_string())));
        let encode = |s: &str| {
            let mut out = String::new();
            urlencode(s, &mut out);
            out
        };
        let pairs = pairs
            .into_iter()
            .map(|(n, v)| {
                let v = match v {
                    Val::Lit(s) => Val::Lit(encode(&s)),
                    other => other,
                };
                (encode(&n), v)
            })
            .collect();
        Ok(Template { pairs })
    }

    async fn read_mail(&mut self) -> Result<(), String> {
        let path = format!("/_sim/api/workspaces/{}/mails", self.ws);
        let r = self.call(Kind::Api, Method::GET, &path, None).await?;
        if r.status != 200 {
            return Err(format!("GET {path} answered {}", r.status));
        }
        let mails: Vec<MailDoc> =
            serde_json::from_slice(&r.body).map_err(|e| format!("mails: {e}"))?;
        let text = mails
            .iter()
            .rev()
            .map(|m| m.text.as_str())
            .find(|t| t.contains("仮ログインID"))
            .ok_or("no mail with a 仮ログインID")?;
        let grab = |key: &str| {
            text.lines()
                .find_map(|l| l.split_once(key))
                .map(|(_, v)| v.trim_start_matches([' ', ':', '：']).trim().to_string())
                .filter(|v| !v.is_empty())
                .ok_or_else(|| format!("no {key} in the mail"))
        };
        self.creds = Some((grab("仮ログインID")?, grab("仮パスワード")?));
        Ok(())
    }

    /// The screen the walk stands on.
    pub fn screen(&self) -> &'static str {
        self.screen
    }
}

/// The `errors` of an answer, for error messages.
fn error_list(body: &[u8]) -> String {
    #[derive(Deserialize)]
    struct Errors {
        #[serde(default)]
        screen: String,
        #[serde(default)]
        errors: Vec<String>,
    }
    match serde_json::from_slice::<Errors>(body) {
        Ok(e) if !e.errors.is_empty() => format!(" ({}: {})", e.screen, e.errors.join(" / ")),
        _ => String::new(),
    }
}

/// One complete flow in a new workspace: created, walked to 完了, checked, deleted unless kept.
pub async fn run_flow(
    conn: &mut Conn,
    seed: u64,
    mut rec: Option<&mut Recorder>,
    mode: &mut Mode<'_>,
    keep: bool,
) -> Result<(), String> {
    let ws = create_workspace(conn, seed, rec.as_deref_mut()).await?;
    let mut walk = Walk::new(conn, ws, rec.as_deref_mut());
    walk.walk(FLOW.len(), mode).await?;
    if walk.screen() != FINAL_SCREEN {
        return Err(format!(
            "the flow ended on {}, not on {FINAL_SCREEN}",
            walk.screen()
        ));
    }
    let ws = walk.ws.clone();
    drop(walk);
    if !keep {
        delete_workspace(conn, &ws, rec).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scanning_reads_pretty_and_compact_documents() {
        let pretty = b"{\n  \"screen\": \"a.b\",\n  \"errors\": [],\n  \"forms\": [{\"fields\": [{\n \"name\": \"_flow\",\n \"label\": \"\",\n \"value\": \"abc\"}]}]}";
        assert_eq!(scan_string(pretty, b"\"screen\"", 0), Some("a.b"));
        assert!(!has_errors(pretty));
        let p = find(pretty, b"\"_flow\"", 0).unwrap();
        assert_eq!(scan_string(pretty, b"\"value\"", p), Some("abc"));
        let compact = br#"{"screen":"x","errors":["bad"]}"#;
        assert_eq!(scan_string(compact, b"\"screen\"", 0), Some("x"));
        assert!(has_errors(compact));
        assert_eq!(
            scan_string(br#"{"screen": "a\"b"}"#, b"\"screen\"", 0),
            None
        );
    }

    #[test]
    fn the_routes_match_the_simulator() {
        check_routes().unwrap();
        assert!(steps_to_typical_screen() < FLOW.len());
    }
}
