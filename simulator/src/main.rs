//! `cargo run --release`: the simulator with its seeded default workspace.

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
  --public-url URL    base URL used in mails and API answers (default http://<listen address>/)";

struct Options {
    listen: String,
    seed: u64,
    public_url: Option<String>,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        listen: std::env::var("NSS_SIM_LISTEN").unwrap_or_else(|_| "127.0.0.1:8080".to_string()),
        seed: 0,
        public_url: std::env::var("NSS_SIM_PUBLIC_URL").ok(),
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
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(o)
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .init();
    let o = match parse_args() {
        Ok(o) => o,
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
    let base = state.public_base.clone();
    println!("NSS Simulator listening on {addr}");
    println!("  NSS login:          {base}login/nsscoapp/");
    println!("  bulletin board:     {base}bbs/");
    println!("  mailbox:            {base}_sim/mail/default/");
    println!("  operator pages:     {base}_sim/");
    println!("  NACCS center:       {base}_sim/console/default/");
    println!("  simulator API:      {base}_sim/api/workspaces");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(e) = nss_simulator::run(listener, state, shutdown).await {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
