//! `cargo run --release`: the simulator with its seeded default workspace, its workspaces kept in
//! a data directory (or in memory with `--ephemeral`).

use nss_simulator::limits::Limits;
use nss_simulator::outbound::smtp::SmtpSettings;
use nss_simulator::outbound::{OutboundConfig, webhooks};
use nss_simulator::store::{MemoryStore, SqliteStore, Store, StoreError, SyncMode};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// mimalloc instead of the system allocator: building and dropping screen models is
/// allocation-heavy, and with glibc malloc a fifth of the server's CPU went to malloc/free
/// (docs/performance.md: −30 % instructions per flow, ceiling ratio 0.39 → 0.46).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: nss-simulator [options]

  --listen HOST:PORT    address to serve on (default 127.0.0.1:8080, env NSS_SIM_LISTEN);
                        port 0 picks a free port, which is printed
  --seed N              seed of the default workspace when it is created (default 0)
  --public-url URL      base URL used in mails and API answers (default http://<listen address>/)
  --smtp URL            also deliver every mail over SMTP (env NSS_SIM_SMTP): smtp://host:port,
                        smtp://host:port?tls=required (STARTTLS), smtps://host:port (TLS),
                        user:password@ before the host for AUTH
  --smtp-to ADDR        deliver every mail to ADDR instead of its recipients (env NSS_SIM_SMTP_TO)
  --webhook URL         post every event as JSON to URL; repeatable (env NSS_SIM_WEBHOOK,
                        comma-separated)
  --webhook-secret S    HMAC-SHA256 key of X-NSS-Signature for those URLs (env
                        NSS_SIM_WEBHOOK_SECRET; default: one generated per workspace, shown by
                        GET …/webhooks)

  --data DIR            where workspaces are kept (env NSS_SIM_DATA; default
                        $XDG_DATA_HOME/nss-simulator or ~/.local/share/nss-simulator)
  --ephemeral           keep workspaces in memory only: gone when the simulator stops
  --sync MODE           normal (default): a stored request survives the simulator being killed;
                        full: it survives a power cut too (every change flushed, slower)

  --api-token TOKEN     token the simulator API and the operator pages (/_sim/) require
                        (env NSS_SIM_API_TOKEN): `Authorization: Bearer TOKEN`, or TOKEN as the
                        password a browser asks for. Required to listen on anything but the
                        loopback; the NSS screens never require it.

  bounds (each refused or trimmed with a message that names it):
  --max-journal N       journal entries kept per workspace, the newest (default 10000)
  --max-mails N         mails kept per workspace, the newest (default 1000)
  --max-events N        events kept per workspace (…/events, webhooks), the newest (default 1000)
  --max-sessions N      browser sessions per workspace, the oldest end (default 1000)
  --max-workspaces N    workspaces in the simulator (default 10000)
  --max-body SIZE       bytes of a request body, attachments aside (default 1MiB)
  --max-attachment SIZE bytes of one attached file (default 10MiB)
                        SIZE: a number of bytes, or with K, KiB, M or MiB";

struct Options {
    listen: String,
    seed: u64,
    public_url: Option<String>,
    data: Option<PathBuf>,
    ephemeral: bool,
    sync: SyncMode,
    api_token: Option<String>,
    limits: Limits,
    smtp: Option<String>,
    smtp_to: Option<String>,
    webhooks: Vec<String>,
    webhook_secret: Option<String>,
}

fn parse_size(name: &str, v: &str) -> Result<usize, String> {
    let v = v.trim();
    let split = v.find(|c: char| !c.is_ascii_digit()).unwrap_or(v.len());
    let (digits, unit) = v.split_at(split);
    let factor: usize = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => {
            return Err(format!(
                "{name}: {v:?} is not a size such as 1048576, 512K or 10MiB"
            ));
        }
    };
    digits
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("{name}: {v:?} is not a size such as 1048576, 512K or 10MiB"))
}

fn parse_count(name: &str, v: &str) -> Result<usize, String> {
    v.trim()
        .parse::<usize>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("{name} needs a positive number"))
}

fn parse_args() -> Result<Options, String> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let mut o = Options {
        listen: env("NSS_SIM_LISTEN").unwrap_or_else(|| "127.0.0.1:8080".to_string()),
        seed: 0,
        public_url: env("NSS_SIM_PUBLIC_URL"),
        data: env("NSS_SIM_DATA").map(PathBuf::from),
        ephemeral: false,
        sync: SyncMode::Normal,
        api_token: env("NSS_SIM_API_TOKEN"),
        limits: Limits::default(),
        smtp: std::env::var("NSS_SIM_SMTP").ok(),
        smtp_to: std::env::var("NSS_SIM_SMTP_TO").ok(),
        webhooks: std::env::var("NSS_SIM_WEBHOOK")
            .map(|v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|u| !u.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default(),
        webhook_secret: std::env::var("NSS_SIM_WEBHOOK_SECRET").ok(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--listen" => o.listen = value("--listen")?,
            "--seed" => {
                o.seed = value("--seed")?
                    .parse()
                    .map_err(|_| "--seed needs a number".to_string())?
            }
            "--public-url" => o.public_url = Some(value("--public-url")?),
            "--data" => o.data = Some(PathBuf::from(value("--data")?)),
            "--ephemeral" => o.ephemeral = true,
            "--sync" => {
                o.sync = match value("--sync")?.as_str() {
                    "normal" => SyncMode::Normal,
                    "full" => SyncMode::Full,
                    other => return Err(format!("--sync: {other:?} is neither normal nor full")),
                }
            }
            "--api-token" => o.api_token = Some(value("--api-token")?).filter(|t| !t.is_empty()),
            "--max-journal" => o.limits.journal_entries = parse_count(&a, &value(&a)?)?,
            "--max-mails" => o.limits.mails = parse_count(&a, &value(&a)?)?,
            "--max-events" => o.limits.events = parse_count(&a, &value(&a)?)?,
            "--max-sessions" => o.limits.sessions = parse_count(&a, &value(&a)?)?,
            "--max-workspaces" => o.limits.workspaces = parse_count(&a, &value(&a)?)?,
            "--max-body" => o.limits.body_bytes = parse_size(&a, &value(&a)?)?,
            "--max-attachment" => o.limits.attachment_bytes = parse_size(&a, &value(&a)?)?,
            "--smtp" => o.smtp = Some(value("--smtp")?),
            "--smtp-to" => o.smtp_to = Some(value("--smtp-to")?),
            "--webhook" => o.webhooks.push(value("--webhook")?),
            "--webhook-secret" => o.webhook_secret = Some(value("--webhook-secret")?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if o.ephemeral && o.data.is_some() && std::env::args().any(|a| a == "--data") {
        return Err("--ephemeral and --data exclude each other".to_string());
    }
    Ok(o)
}

/// The SMTP relay and webhooks every workspace starts with, checked.
fn outbound(o: &Options) -> Result<OutboundConfig, String> {
    let smtp = match &o.smtp {
        Some(url) => Some(
            SmtpSettings::parse(url, o.smtp_to.as_deref()).map_err(|e| format!("--smtp: {e}"))?,
        ),
        None if o.smtp_to.is_some() => return Err("--smtp-to needs --smtp".into()),
        None => None,
    };
    let webhooks = o
        .webhooks
        .iter()
        .map(|u| webhooks::check_url(u).map_err(|e| format!("--webhook: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    if o.webhook_secret.as_deref().is_some_and(str::is_empty) {
        return Err("--webhook-secret: give a non-empty secret".into());
    }
    Ok(OutboundConfig {
        smtp,
        webhooks,
        webhook_secret: o.webhook_secret.clone(),
        ..OutboundConfig::new()
    })
}

/// Where workspaces are kept when no `--data` is given.
fn default_data_dir() -> PathBuf {
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(xdg) = env("XDG_DATA_HOME") {
        PathBuf::from(xdg).join("nss-simulator")
    } else if let Some(home) = env("HOME") {
        PathBuf::from(home).join(".local/share/nss-simulator")
    } else {
        PathBuf::from("nss-simulator-data")
    }
}

/// What to do about a store that cannot be opened, for the person starting the simulator.
fn advice(e: &StoreError) -> &'static str {
    match e {
        StoreError::Locked(_) => {
            "another simulator (or another program) is using it: stop that one, or start this one with another --data directory"
        }
        StoreError::UnsupportedVersion { .. } => {
            "it was written by a newer simulator: run that version, or start this one with another --data directory (nothing was changed)"
        }
        StoreError::Corrupt { .. } => {
            "it is damaged or is not the simulator's: keep it for inspection and start with another --data directory (nothing was changed)"
        }
        _ => {
            "check the directory's permissions and free space, or start with another --data directory"
        }
    }
}

fn fail(message: String) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .init();
    // `nss-simulator kit …`: the conformance kit, with a command line of its own (docs/kit.md).
    #[cfg(feature = "kit")]
    if std::env::args().nth(1).as_deref() == Some("kit") {
        std::process::exit(nss_simulator::kit::cli::main(std::env::args().skip(2)).await);
    }
    let parsed = parse_args().and_then(|o| outbound(&o).map(|config| (o, config)));
    let (o, outbound) = match parsed {
        Ok(both) => both,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("error: {e}\n");
            }
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(&o.listen).await {
        Ok(l) => l,
        Err(e) => fail(format!("cannot listen on {}: {e}", o.listen)),
    };
    let addr: SocketAddr = match listener.local_addr() {
        Ok(addr) => addr,
        Err(e) => fail(format!("cannot read the address of {}: {e}", o.listen)),
    };
    // Anybody who reaches a non-loopback address could read every workspace and move its
    // clock: the API and the operator pages are opened there only with a token.
    if !addr.ip().is_loopback() && o.api_token.is_none() {
        fail(format!(
            "{addr} is reachable from other machines: give --api-token TOKEN (or NSS_SIM_API_TOKEN) so that the simulator API and the operator pages require it, or listen on 127.0.0.1"
        ));
    }
    let (store, where_kept): (Arc<dyn Store>, String) = if o.ephemeral {
        (
            Arc::new(MemoryStore::new()),
            "in memory (--ephemeral: gone when the simulator stops)".to_string(),
        )
    } else {
        let dir = o.data.clone().unwrap_or_else(default_data_dir);
        match SqliteStore::open(&dir, o.sync) {
            Ok(store) => (Arc::new(store), format!("{}", dir.display())),
            Err(e) => fail(format!(
                "cannot open the workspaces in {}: {e}\n  {}",
                dir.display(),
                advice(&e)
            )),
        }
    };
    let public = o.public_url.unwrap_or_else(|| format!("http://{addr}/"));
    let settings = nss_simulator::Settings {
        limits: o.limits,
        api_token: o.api_token.clone(),
    };
    let state = match nss_simulator::open_state_with(store, o.seed, &public, settings) {
        Ok(state) => state,
        Err(e) => fail(format!("cannot open the workspaces: {e}\n  {}", advice(&e))),
    };
    let relay = outbound.smtp.as_ref().map(|s| s.redacted_url());
    let hooks = outbound.webhooks.join(", ");
    state.outbound.configure(outbound);
    let base = state.public_base.clone();
    // Printed, not required: a closed standard output (a supervisor that stopped reading) must
    // not stop the simulator.
    macro_rules! say {
        ($($t:tt)*) => {{
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, $($t)*);
            let _ = out.flush();
        }};
    }
    say!("NSS Simulator listening on {addr}");
    say!("  workspaces kept:    {where_kept}");
    say!("  NSS login:          {base}login/nsscoapp/");
    say!("  bulletin board:     {base}bbs/");
    say!("  mailbox:            {base}_sim/mail/default/");
    say!("  operator pages:     {base}_sim/");
    say!("  NACCS center:       {base}_sim/console/default/");
    say!("  simulator API:      {base}_sim/api/workspaces");
    if let Some(relay) = relay {
        say!("  SMTP relay:         {relay}");
    }
    if !hooks.is_empty() {
        say!("  webhooks:           {hooks}");
    }
    if o.api_token.is_some() {
        say!("  (the API and the operator pages require the --api-token)");
    }
    let shutdown = async {
        #[cfg(unix)]
        {
            let mut term =
                match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                    Ok(s) => s,
                    Err(_) => {
                        let _ = tokio::signal::ctrl_c().await;
                        return;
                    }
                };
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    };
    if let Err(e) = nss_simulator::run(listener, state, shutdown).await {
        fail(e.to_string());
    }
}
