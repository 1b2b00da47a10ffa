//! `cargo run --release`: the simulator with its seeded default workspace.

use nss_simulator::outbound::smtp::SmtpSettings;
use nss_simulator::outbound::{OutboundConfig, webhooks};
use std::net::SocketAddr;

/// mimalloc instead of the system allocator: building and dropping screen models is
/// allocation-heavy, and with glibc malloc a fifth of the server's CPU went to malloc/free
/// (docs/performance.md: −30 % instructions per flow, ceiling ratio 0.39 → 0.46).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: nss-simulator [--listen HOST:PORT] [--seed N] [--public-url URL]

  --listen HOST:PORT  address to serve on (default 127.0.0.1:8080, env NSS_SIM_LISTEN);
                      port 0 picks a free port, which is printed
  --seed N            seed of the default workspace (default 0)
  --public-url URL    base URL used in mails and API answers (default http://<listen address>/)
  --smtp URL          also deliver every mail over SMTP (env NSS_SIM_SMTP): smtp://host:port,
                      smtp://host:port?tls=required (STARTTLS), smtps://host:port (TLS),
                      user:password@ before the host for AUTH
  --smtp-to ADDR      deliver every mail to ADDR instead of its recipients (env NSS_SIM_SMTP_TO)
  --webhook URL       post every event as JSON to URL; repeatable (env NSS_SIM_WEBHOOK, comma-separated)
  --webhook-secret S  HMAC-SHA256 key of X-NSS-Signature for those URLs (env NSS_SIM_WEBHOOK_SECRET;
                      default: one generated per workspace, shown by GET …/webhooks)";

struct Options {
    listen: String,
    seed: u64,
    public_url: Option<String>,
    smtp: Option<String>,
    smtp_to: Option<String>,
    webhooks: Vec<String>,
    webhook_secret: Option<String>,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        listen: std::env::var("NSS_SIM_LISTEN").unwrap_or_else(|_| "127.0.0.1:8080".to_string()),
        seed: 0,
        public_url: std::env::var("NSS_SIM_PUBLIC_URL").ok(),
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
            "--smtp" => o.smtp = Some(value("--smtp")?),
            "--smtp-to" => o.smtp_to = Some(value("--smtp-to")?),
            "--webhook" => o.webhooks.push(value("--webhook")?),
            "--webhook-secret" => o.webhook_secret = Some(value("--webhook-secret")?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
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
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", o.listen);
            std::process::exit(1);
        }
    };
    let addr: SocketAddr = match listener.local_addr() {
        Ok(addr) => addr,
        Err(e) => {
            eprintln!("error: cannot read the address of {}: {e}", o.listen);
            std::process::exit(1);
        }
    };
    let public = o.public_url.unwrap_or_else(|| format!("http://{addr}/"));
    let state = match nss_simulator::new_state(o.seed, &public) {
        Ok(state) => state,
        Err(e) => {
            eprintln!("error: cannot open the workspaces: {e}");
            std::process::exit(1);
        }
    };
    let relay = outbound.smtp.as_ref().map(|s| s.redacted_url());
    let hooks = outbound.webhooks.join(", ");
    state.outbound.configure(outbound);
    let base = state.public_base.clone();
    println!("NSS Simulator listening on {addr}");
    println!("  NSS login:          {base}login/nsscoapp/");
    println!("  bulletin board:     {base}bbs/");
    println!("  mailbox:            {base}_sim/mail/default/");
    println!("  operator pages:     {base}_sim/");
    println!("  NACCS center:       {base}_sim/console/default/");
    println!("  simulator API:      {base}_sim/api/workspaces");
    if let Some(relay) = relay {
        println!("  SMTP relay:         {relay}");
    }
    if !hooks.is_empty() {
        println!("  webhooks:           {hooks}");
    }
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(e) = nss_simulator::run(listener, state, shutdown).await {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
