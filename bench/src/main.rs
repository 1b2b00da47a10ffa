//! `cargo run --release -p nss-bench -- --seconds 20 --clients 32`: the NSS Simulator measured
//! against its own ceiling (issue 4; docs/performance.md explains the figures).
//!
//! The simulator runs as a separate process (`target/<profile>/nss-simulator --listen
//! 127.0.0.1:0`, built first), driven over the loopback by N concurrent users:
//!
//! 1. start-up: process start to the first answered request, and the idle resident memory;
//! 2. memory: resident memory of 1,000 fresh workspaces, then of the same workspaces each holding a
//!    finished application;
//! 3. per run (fresh process): complete flows (temporary account + new application of manual 000,
//!    JSON, one workspace each) for a fixed time — flows/s and latency per request kind — then the
//!    ceiling: a hello-world on the same router (`GET /_health`) against a typical screen GET.
//!
//! Everything is printed and written as JSON (`target/bench/report.json` by default).

mod client;
mod flow;
mod stats;
mod sys;

use client::Conn;
use flow::{FINAL_SCREEN, FLOW, KIND_NAMES, Mode, Plan, Recorder, TYPICAL_SCREEN, Walk};
use hyper::Method;
use serde_json::{Value, json};
use stats::Histogram;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use sys::{Simulator, StoreKind};

const USAGE: &str = "usage: cargo run --release -p nss-bench -- [options]

  --seconds S            length of the measured flow phase of each run (default 20)
  --clients N            concurrent users (default 32)
  --runs R               runs, each on a fresh simulator; medians are reported (default 1)
  --warmup S             unmeasured flows before each run's measurement (default 2)
  --ceiling-seconds S    time given to the hello-world and to the screen GET each (default 6;
                         0 skips the ceiling)
  --startup-runs N       process starts measured (default 5)
  --memory-workspaces N  workspaces of the memory phase (default 1000)
  --max-flows N          cap on the flows of one measured phase (default 1000000)
  --client-threads N     threads of the load generator (default 2)
  --keep-workspaces      keep each flow's workspace instead of deleting it after the check
  --store S              durable, memory or both (default both): the stores the flow runs
                         measure, each run once per store; start-up, memory and the
                         single-workspace phase use the first (durable, the default store)
  --single-seconds S     the single-workspace phase: all clients reading one screen of one
                         workspace for S seconds (default 60; 0 skips it)
  --simulator PATH       the simulator binary (default: target/<profile>/nss-simulator, built first)
  --attach 127.0.0.1:PORT  drive an already running simulator (e.g. under perf or valgrind): flows
                         and ceiling only, no start-up, memory or server CPU figures
  --no-build             do not run cargo build for the simulator first
  --out PATH             the JSON report (default target/bench/report.json)";

struct Args {
    seconds: f64,
    clients: usize,
    runs: usize,
    warmup: f64,
    ceiling_seconds: f64,
    startup_runs: usize,
    memory_workspaces: usize,
    max_flows: u64,
    client_threads: usize,
    keep_workspaces: bool,
    stores: Vec<StoreKind>,
    single_seconds: f64,
    simulator: Option<PathBuf>,
    attach: Option<SocketAddr>,
    build: bool,
    out: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        seconds: 20.0,
        clients: 32,
        runs: 1,
        warmup: 2.0,
        ceiling_seconds: 6.0,
        startup_runs: 5,
        memory_workspaces: 1000,
        max_flows: 1_000_000,
        client_threads: 2,
        keep_workspaces: false,
        stores: vec![StoreKind::Durable, StoreKind::Memory],
        single_seconds: 60.0,
        simulator: None,
        attach: None,
        build: true,
        out: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        fn num<T: std::str::FromStr>(name: &str, v: String) -> Result<T, String> {
            v.parse()
                .map_err(|_| format!("{name}: {v:?} is not a number"))
        }
        match arg.as_str() {
            "--seconds" => a.seconds = num("--seconds", value("--seconds")?)?,
            "--clients" => a.clients = num("--clients", value("--clients")?)?,
            "--runs" => a.runs = num("--runs", value("--runs")?)?,
            "--warmup" => a.warmup = num("--warmup", value("--warmup")?)?,
            "--ceiling-seconds" => {
                a.ceiling_seconds = num("--ceiling-seconds", value("--ceiling-seconds")?)?
            }
            "--startup-runs" => a.startup_runs = num("--startup-runs", value("--startup-runs")?)?,
            "--memory-workspaces" => {
                a.memory_workspaces = num("--memory-workspaces", value("--memory-workspaces")?)?
            }
            "--max-flows" => a.max_flows = num("--max-flows", value("--max-flows")?)?,
            "--client-threads" => {
                a.client_threads = num("--client-threads", value("--client-threads")?)?
            }
            "--keep-workspaces" => a.keep_workspaces = true,
            "--store" => {
                a.stores = match value("--store")?.as_str() {
                    "durable" => vec![StoreKind::Durable],
                    "memory" => vec![StoreKind::Memory],
                    "both" => vec![StoreKind::Durable, StoreKind::Memory],
                    other => return Err(format!("--store: {other:?} is durable, memory or both")),
                }
            }
            "--single-seconds" => {
                a.single_seconds = num("--single-seconds", value("--single-seconds")?)?
            }
            "--simulator" => a.simulator = Some(PathBuf::from(value("--simulator")?)),
            "--attach" => {
                let v = value("--attach")?;
                let addr: SocketAddr = v
                    .parse()
                    .map_err(|_| format!("--attach: {v:?} is not HOST:PORT"))?;
                if !addr.ip().is_loopback() {
                    return Err(
                        "--attach: the bench only drives a simulator on the loopback".into(),
                    );
                }
                a.attach = Some(addr);
            }
            "--no-build" => a.build = false,
            "--out" => a.out = Some(PathBuf::from(value("--out")?)),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let positive = |name: &str, v: f64| {
        if v.is_finite() && v > 0.0 && v <= 3600.0 {
            Ok(())
        } else {
            Err(format!("{name} must be in (0, 3600]"))
        }
    };
    positive("--seconds", a.seconds)?;
    if !(a.ceiling_seconds.is_finite() && (0.0..=3600.0).contains(&a.ceiling_seconds)) {
        return Err("--ceiling-seconds must be in [0, 3600] (0 skips the ceiling)".into());
    }
    if !(a.warmup.is_finite() && (0.0..=600.0).contains(&a.warmup)) {
        return Err("--warmup must be in [0, 600]".into());
    }
    if a.clients == 0 || a.clients > 4096 {
        return Err("--clients must be in 1..=4096".into());
    }
    if a.runs == 0 || a.runs > 100 || a.startup_runs == 0 || a.startup_runs > 1000 {
        return Err("--runs must be in 1..=100 and --startup-runs in 1..=1000".into());
    }
    if a.memory_workspaces == 0 || a.memory_workspaces > 1_000_000 {
        return Err("--memory-workspaces must be in 1..=1000000".into());
    }
    if a.client_threads == 0 || a.max_flows == 0 {
        return Err("--client-threads and --max-flows must be positive".into());
    }
    Ok(a)
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("error: {e}\n");
            }
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(&args) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run(args: &Args) -> Result<(), String> {
    flow::check_routes()?;
    let bin = match (&args.attach, &args.simulator) {
        (Some(_), _) => None,
        (None, Some(p)) => Some(p.clone()),
        (None, None) => Some(sys::simulator_binary(args.build)?),
    };
    if sys::profile() != "release" {
        eprintln!(
            "warning: a {} build; figures of an unoptimised simulator mean little",
            sys::profile()
        );
    }
    let machine = sys::machine();
    let load_start = sys::load_average();
    println!(
        "nss-bench: {} cores ({}), {} profile, load {:.2} {:.2} {:.2}",
        machine.cores,
        machine.cpu_model,
        sys::profile(),
        load_start[0],
        load_start[1],
        load_start[2]
    );
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.client_threads)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;

    let (startup, memory) = match &bin {
        Some(bin) => {
            println!("  simulator: {}", bin.display());
            let startup = startup_phase(bin, args.stores[0], args.startup_runs)?;
            println!(
                "start-up: median {:.1} ms (min {:.1}, max {:.1}) over {} starts; idle RSS {} KiB",
                startup.median_ms,
                startup.min_ms,
                startup.max_ms,
                args.startup_runs,
                startup.idle_rss_kib
            );
            let memory = rt.block_on(memory_phase(bin, args))?;
            println!(
                "memory: {:.1} KiB per idle workspace, {:.0} KiB per 1,000 workspaces with a finished application",
                memory.per_idle_workspace_kib, memory.per_1000_finished_kib
            );
            (Some(startup), Some(memory))
        }
        None => {
            println!(
                "  attached to the simulator on {}",
                args.attach.expect("attach or bin")
            );
            (None, None)
        }
    };

    let mut runs: Vec<(StoreKind, RunResult)> = Vec::new();
    for r in 0..args.runs {
        for &store in &args.stores {
            println!(
                "run {}/{} ({} store): {} clients, {} s (+{} s warm-up) …",
                r + 1,
                args.runs,
                store.name(),
                args.clients,
                args.seconds,
                args.warmup
            );
            let sim = match &bin {
                Some(bin) => Some(Simulator::start(bin, store)?),
                None => None,
            };
            let addr = sim
                .as_ref()
                .map(|s| s.addr)
                .or(args.attach)
                .expect("a simulator");
            if let Some(sim) = &sim {
                println!("  simulator pid {} on {addr}", sim.pid());
            }
            let run = rt.block_on(measured_run(sim.as_ref(), addr, args))?;
            drop(sim);
            print_run(&run);
            runs.push((store, run));
        }
    }
    let single = match (&bin, args.single_seconds > 0.0) {
        (Some(bin), true) => {
            let single = rt.block_on(single_phase(bin, args.stores[0], args))?;
            single.print();
            Some(single)
        }
        _ => None,
    };
    let load_end = sys::load_average();

    let mut by_store = serde_json::Map::new();
    for &store in &args.stores {
        let of_store: Vec<&RunResult> = runs
            .iter()
            .filter(|(s, _)| *s == store)
            .map(|(_, r)| r)
            .collect();
        let summary = summary(args, startup.as_ref(), memory.as_ref(), &of_store);
        println!("{} store:", store.name());
        print_summary(&summary, args.runs);
        by_store.insert(store.name().to_string(), summary);
    }
    // The durable store's flow rate as a share of the in-memory one, run by run (each pair ran
    // back to back), then the median.
    let mut shares: Vec<f64> = runs
        .chunks(args.stores.len())
        .filter_map(|pair| {
            let rate = |k| {
                pair.iter()
                    .find(|(s, _)| *s == k)
                    .map(|(_, r)| r.flows_per_s())
            };
            Some(rate(StoreKind::Durable)? / rate(StoreKind::Memory)?.max(f64::MIN_POSITIVE))
        })
        .collect();
    let share = (!shares.is_empty()).then(|| median(&mut shares));
    if let Some(share) = share {
        println!(
            "durable store: {:.0} % of the in-memory flow rate (median of {} pairs; target ≥ 75 %: {})",
            share * 100.0,
            runs.len() / args.stores.len(),
            if share >= 0.75 { "met" } else { "NOT met" }
        );
    }
    let summary = json!({
        "stores": by_store,
        "durable_share_of_memory_flow_rate": {"pairs": shares, "median": share, "target": ">= 0.75", "met": share.map(|s| s >= 0.75)},
        "single_workspace": single.as_ref().map(Single::to_json),
    });
    let report = json!({
        "bench": {
            "command": std::env::args().collect::<Vec<_>>().join(" "),
            "flow": "manual 000: temporary account (P1) + new application (P2), JSON, one workspace per flow",
            "requests_per_flow": {"nss": nss_requests_per_flow(), "api": if args.keep_workspaces { 2 } else { 3 }},
            "typical_screen": TYPICAL_SCREEN,
            "hello_world": "GET /_health",
        },
        "machine": {
            "cores": machine.cores,
            "cpu_model": machine.cpu_model,
            "mem_total_kib": machine.mem_total_kib,
            "kernel": machine.kernel,
            "load_average_start": load_start,
            "load_average_end": load_end,
        },
        "build": {
            "profile": sys::profile(),
            "simulator_binary": bin.as_ref().map(|b| b.display().to_string()),
            "attached_to": args.attach.map(|a| a.to_string()),
        },
        "parameters": {
            "seconds": args.seconds,
            "clients": args.clients,
            "runs": args.runs,
            "warmup_seconds": args.warmup,
            "ceiling_seconds": args.ceiling_seconds,
            "startup_runs": args.startup_runs,
            "memory_workspaces": args.memory_workspaces,
            "max_flows": args.max_flows,
            "client_threads": args.client_threads,
            "keep_workspaces": args.keep_workspaces,
        },
        "startup": startup.as_ref().map(Startup::to_json),
        "memory": memory.as_ref().map(Memory::to_json),
        "runs": runs.iter().map(|(store, r)| json!({"store": store.name(), "run": r.to_json()})).collect::<Vec<_>>(),
        "summary": summary,
    });
    let out = match &args.out {
        Some(p) => p.clone(),
        None => sys::target_dir()
            .unwrap_or_else(|| PathBuf::from("target"))
            .join("bench")
            .join("report.json"),
    };
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let text = serde_json::to_string_pretty(&report).expect("the report serialises");
    std::fs::write(&out, text + "\n")
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("report: {}", out.display());
    Ok(())
}

fn nss_requests_per_flow() -> usize {
    FLOW.iter()
        .map(|s| match s {
            flow::Step::Open(..) => 1,
            flow::Step::Press {
                then: flow::Then::Go(..),
                ..
            } => 2,
            flow::Step::Press {
                then: flow::Then::Stay,
                ..
            } => 1,
            flow::Step::Mail => 0,
        })
        .sum()
}

fn median(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

// ---------------------------------------------------------------------------------------------
// 1. Start-up

struct Startup {
    runs_ms: Vec<f64>,
    median_ms: f64,
    min_ms: f64,
    max_ms: f64,
    idle_rss_kib: u64,
}

impl Startup {
    fn to_json(&self) -> Value {
        json!({
            "what": "from spawning the process to the answer of its first request (GET /_health)",
            "runs_ms": self.runs_ms,
            "median_ms": self.median_ms,
            "min_ms": self.min_ms,
            "max_ms": self.max_ms,
            "idle_rss_kib": self.idle_rss_kib,
        })
    }
}

fn startup_phase(bin: &std::path::Path, store: StoreKind, n: usize) -> Result<Startup, String> {
    let mut runs_ms = Vec::new();
    let mut rss = Vec::new();
    for _ in 0..n {
        let sim = Simulator::start(bin, store)?;
        runs_ms.push(ms(sim.startup));
        rss.push(sim.rss_kib() as f64);
    }
    let min_ms = runs_ms.iter().copied().fold(f64::INFINITY, f64::min);
    let max_ms = runs_ms.iter().copied().fold(0.0, f64::max);
    let median_ms = median(&mut runs_ms.clone());
    Ok(Startup {
        runs_ms,
        median_ms,
        min_ms,
        max_ms,
        idle_rss_kib: median(&mut rss) as u64,
    })
}

// ---------------------------------------------------------------------------------------------
// 2. Memory

struct Memory {
    workspaces: usize,
    rss_before_kib: u64,
    rss_idle_workspaces_kib: u64,
    rss_finished_workspaces_kib: u64,
    per_idle_workspace_kib: f64,
    per_1000_finished_kib: f64,
}

impl Memory {
    fn to_json(&self) -> Value {
        json!({
            "what": "resident memory (VmRSS) of a fresh simulator after one learning flow, then with N new workspaces, then with each of them holding a finished application",
            "workspaces": self.workspaces,
            "rss_before_kib": self.rss_before_kib,
            "rss_with_idle_workspaces_kib": self.rss_idle_workspaces_kib,
            "rss_with_finished_workspaces_kib": self.rss_finished_workspaces_kib,
            "per_idle_workspace_kib": self.per_idle_workspace_kib,
            "per_1000_finished_workspaces_kib": self.per_1000_finished_kib,
            "per_finished_workspace_kib": self.per_1000_finished_kib / 1000.0,
        })
    }
}

async fn learn(addr: SocketAddr) -> Result<Plan, String> {
    let mut plan = Plan::default();
    let mut conn = Conn::new(addr);
    flow::run_flow(&mut conn, 0, None, &mut Mode::Learn(&mut plan), false)
        .await
        .map_err(|e| format!("the learning flow failed: {e}"))?;
    Ok(plan)
}

async fn memory_phase(bin: &std::path::Path, args: &Args) -> Result<Memory, String> {
    let sim = Simulator::start(bin, args.stores[0])?;
    let plan = Arc::new(learn(sim.addr).await?);
    tokio::time::sleep(Duration::from_millis(100)).await;
    let rss_before_kib = sim.rss_kib();
    let n = args.memory_workspaces;
    let ids = Arc::new(std::sync::Mutex::new(Vec::with_capacity(n)));
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..args.clients.min(n) {
        let (ids, next, addr) = (Arc::clone(&ids), Arc::clone(&next), sim.addr);
        tasks.push(tokio::spawn(async move {
            let mut conn = Conn::new(addr);
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    return Ok::<(), String>(());
                }
                let id = flow::create_workspace(&mut conn, 1_000_000 + i as u64, None).await?;
                ids.lock().expect("not poisoned").push(id);
            }
        }));
    }
    for t in tasks {
        t.await.map_err(|e| e.to_string())??;
    }
    let rss_idle_workspaces_kib = sim.rss_kib();
    let ids: Arc<Vec<String>> = Arc::new(std::mem::take(&mut *ids.lock().expect("not poisoned")));
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..args.clients.min(n) {
        let (ids, next, plan, addr) = (
            Arc::clone(&ids),
            Arc::clone(&next),
            Arc::clone(&plan),
            sim.addr,
        );
        tasks.push(tokio::spawn(async move {
            let mut conn = Conn::new(addr);
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(id) = ids.get(i) else {
                    return Ok::<(), String>(());
                };
                let mut walk = Walk::new(&mut conn, id.clone(), None);
                walk.walk(FLOW.len(), &mut Mode::Replay(&plan)).await?;
                if walk.screen() != FINAL_SCREEN {
                    return Err(format!("workspace {id} ended on {}", walk.screen()));
                }
            }
        }));
    }
    for t in tasks {
        t.await
            .map_err(|e| e.to_string())?
            .map_err(|e| format!("memory phase: {e}"))?;
    }
    let rss_finished_workspaces_kib = sim.rss_kib();
    let per = |after: u64| after.saturating_sub(rss_before_kib) as f64 / n as f64;
    Ok(Memory {
        workspaces: n,
        rss_before_kib,
        rss_idle_workspaces_kib,
        rss_finished_workspaces_kib,
        per_idle_workspace_kib: per(rss_idle_workspaces_kib),
        per_1000_finished_kib: per(rss_finished_workspaces_kib) * 1000.0,
    })
}

// ---------------------------------------------------------------------------------------------
// 3. Measured runs

#[derive(Default)]
struct FlowsResult {
    completed: u64,
    errors: u64,
    error_samples: BTreeMap<String, u64>,
    rec: Recorder,
    seconds: f64,
}

struct Ceiling {
    hello: Rate,
    screen: Rate,
}

#[derive(Default)]
struct Rate {
    requests: u64,
    errors: u64,
    seconds: f64,
    latency: Histogram,
}

impl Rate {
    fn per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.requests as f64 / self.seconds
        } else {
            0.0
        }
    }

    fn to_json(&self) -> Value {
        json!({
            "requests": self.requests,
            "errors": self.errors,
            "seconds": self.seconds,
            "requests_per_s": self.per_second(),
            "latency": self.latency.to_json(),
        })
    }
}

struct RunResult {
    flows: FlowsResult,
    server_cpu_s: Option<f64>,
    /// The part of it spent in the kernel (the loopback TCP stack, mostly).
    server_kernel_cpu_s: Option<f64>,
    client_cpu_s: f64,
    /// CPU time of the whole machine during the flow phase.
    machine_busy_s: f64,
    load_before: [f64; 3],
    load_after: [f64; 3],
    server_rss_after_kib: Option<u64>,
    ceiling: Ceiling,
}

impl RunResult {
    /// CPU time of everything but the simulator and the bench during the flow phase: other work
    /// on the machine, which the figures must be read against.
    fn other_cpu_s(&self) -> Option<f64> {
        self.server_cpu_s
            .map(|server| (self.machine_busy_s - server - self.client_cpu_s).max(0.0))
    }

    fn flows_per_s(&self) -> f64 {
        if self.flows.seconds > 0.0 {
            self.flows.completed as f64 / self.flows.seconds
        } else {
            0.0
        }
    }

    fn ratio(&self) -> f64 {
        let hello = self.ceiling.hello.per_second();
        if hello > 0.0 {
            self.ceiling.screen.per_second() / hello
        } else {
            0.0
        }
    }

    fn to_json(&self) -> Value {
        let f = &self.flows;
        let nss = f.rec.nss();
        let per_flow = |s: f64| {
            if f.completed > 0 {
                s * 1000.0 / f.completed as f64
            } else {
                0.0
            }
        };
        let mut kinds = serde_json::Map::new();
        for (name, h) in KIND_NAMES.iter().zip(&f.rec.kinds) {
            kinds.insert(name.to_string(), h.to_json());
        }
        json!({
            "flows": {
                "completed": f.completed,
                "errors": f.errors,
                "error_samples": f.error_samples,
                "seconds": f.seconds,
                "flows_per_s": self.flows_per_s(),
                "nss_requests_per_s": nss.count() as f64 / f.seconds.max(f64::MIN_POSITIVE),
                "server_cpu_s": self.server_cpu_s,
                "server_kernel_cpu_s": self.server_kernel_cpu_s,
                "client_cpu_s": self.client_cpu_s,
                "machine_busy_cpu_s": self.machine_busy_s,
                "other_processes_cpu_s": self.other_cpu_s(),
                "server_cpu_ms_per_flow": self.server_cpu_s.map(per_flow),
                "server_kernel_cpu_ms_per_flow": self.server_kernel_cpu_s.map(per_flow),
                "client_cpu_ms_per_flow": per_flow(self.client_cpu_s),
                "server_rss_after_kib": self.server_rss_after_kib,
                "load_average_before": self.load_before,
                "load_average_after": self.load_after,
            },
            "latency": {
                "nss": nss.to_json(),
                "by_kind": kinds,
            },
            "ceiling": {
                "hello_world": self.ceiling.hello.to_json(),
                "screen_get": self.ceiling.screen.to_json(),
                "screen": TYPICAL_SCREEN,
                "screen_share_of_ceiling": self.ratio(),
            },
        })
    }
}

async fn measured_run(
    sim: Option<&Simulator>,
    addr: SocketAddr,
    args: &Args,
) -> Result<RunResult, String> {
    let plan = Arc::new(learn(addr).await?);
    let seeds = Arc::new(AtomicU64::new(1));
    if args.warmup > 0.0 {
        let warm = flows_phase(
            addr,
            &plan,
            &seeds,
            args,
            Duration::from_secs_f64(args.warmup),
        )
        .await;
        if warm.errors > 0 {
            eprintln!(
                "warning: {} errors during warm-up: {:?}",
                warm.errors, warm.error_samples
            );
        }
    }
    let server_cpu = || sim.map(Simulator::cpu_seconds);
    let load_before = sys::load_average();
    let (server0, client0, busy0) = (
        server_cpu(),
        sys::own_cpu_seconds(),
        sys::machine_busy_seconds(),
    );
    let flows = flows_phase(
        addr,
        &plan,
        &seeds,
        args,
        Duration::from_secs_f64(args.seconds),
    )
    .await;
    let server_cpu = server_cpu().zip(server0).map(|(b, a)| b.since(a));
    let client_cpu_s = sys::own_cpu_seconds() - client0;
    let machine_busy_s = sys::machine_busy_seconds() - busy0;
    let load_after = sys::load_average();
    let server_rss_after_kib = sim.map(Simulator::rss_kib);
    let ceiling = if args.ceiling_seconds > 0.0 {
        ceiling_phase(addr, &plan, &seeds, args).await?
    } else {
        Ceiling {
            hello: Rate::default(),
            screen: Rate::default(),
        }
    };
    Ok(RunResult {
        flows,
        server_cpu_s: server_cpu.map(sys::CpuTime::total),
        server_kernel_cpu_s: server_cpu.map(|c| c.system),
        client_cpu_s,
        machine_busy_s,
        load_before,
        load_after,
        server_rss_after_kib,
        ceiling,
    })
}

/// `clients` users running complete flows until `duration` has passed (or `max_flows` started).
async fn flows_phase(
    addr: SocketAddr,
    plan: &Arc<Plan>,
    seeds: &Arc<AtomicU64>,
    args: &Args,
    duration: Duration,
) -> FlowsResult {
    let started = Arc::new(AtomicU64::new(0));
    let t0 = Instant::now();
    let deadline = t0 + duration;
    let mut tasks = Vec::new();
    for _ in 0..args.clients {
        let (plan, seeds, started) = (Arc::clone(plan), Arc::clone(seeds), Arc::clone(&started));
        let (max, keep) = (args.max_flows, args.keep_workspaces);
        tasks.push(tokio::spawn(async move {
            let mut out = FlowsResult::default();
            let mut conn = Conn::new(addr);
            while Instant::now() < deadline && started.fetch_add(1, Ordering::Relaxed) < max {
                let seed = seeds.fetch_add(1, Ordering::Relaxed);
                match flow::run_flow(
                    &mut conn,
                    seed,
                    Some(&mut out.rec),
                    &mut Mode::Replay(&plan),
                    keep,
                )
                .await
                {
                    Ok(()) => out.completed += 1,
                    Err(e) => {
                        out.errors += 1;
                        if out.error_samples.len() < 20 || out.error_samples.contains_key(&e) {
                            *out.error_samples.entry(e).or_default() += 1;
                        }
                        conn.reset();
                    }
                }
            }
            out
        }));
    }
    let mut all = FlowsResult::default();
    for t in tasks {
        match t.await {
            Ok(r) => {
                all.completed += r.completed;
                all.errors += r.errors;
                for (e, n) in r.error_samples {
                    if all.error_samples.len() < 20 || all.error_samples.contains_key(&e) {
                        *all.error_samples.entry(e).or_default() += n;
                    }
                }
                all.rec.merge(&r.rec);
            }
            Err(e) => {
                all.errors += 1;
                *all.error_samples
                    .entry(format!("a client panicked: {e}"))
                    .or_default() += 1;
            }
        }
    }
    // Flows started before the deadline finish after it: the phase lasts until the last one ends.
    all.seconds = t0.elapsed().as_secs_f64();
    all
}

/// Rounds of the ceiling: each round gives the hello-world, then the screen GET, the same slice
/// of time, so that a change of machine load touches both alike.
const CEILING_ROUNDS: usize = 3;

/// Per user: (requests, errors, start, end, latencies) of every slice.
type Slices = Vec<(u64, u64, Instant, Instant, Histogram)>;

async fn ceiling_phase(
    addr: SocketAddr,
    plan: &Arc<Plan>,
    seeds: &Arc<AtomicU64>,
    args: &Args,
) -> Result<Ceiling, String> {
    let slice = Duration::from_secs_f64(args.ceiling_seconds / CEILING_ROUNDS as f64);
    let barrier = Arc::new(tokio::sync::Barrier::new(args.clients));
    let mut tasks = Vec::new();
    for _ in 0..args.clients {
        let (plan, seeds, barrier) = (Arc::clone(plan), Arc::clone(seeds), Arc::clone(&barrier));
        tasks.push(tokio::spawn(async move {
            let mut conn = Conn::new(addr);
            // A session standing on the typical screen, in a workspace of its own.
            let prepared = async {
                let seed = seeds.fetch_add(1, Ordering::Relaxed);
                let ws = flow::create_workspace(&mut conn, seed, None).await?;
                let mut walk = Walk::new(&mut conn, ws, None);
                walk.walk(flow::steps_to_typical_screen(), &mut Mode::Replay(&plan))
                    .await?;
                Ok::<_, String>((walk.path.clone(), walk.cookie.clone().unwrap_or_default()))
            }
            .await;
            barrier.wait().await;
            // A user whose set-up failed still meets the others at every barrier, idle.
            let session = prepared.as_ref().ok();
            let mut slices: Slices = Vec::new();
            for s in 0..2 * CEILING_ROUNDS {
                barrier.wait().await;
                let hello = s % 2 == 0;
                let (start, mut n, mut errors, mut h) =
                    (Instant::now(), 0u64, 0u64, Histogram::default());
                let deadline = start + slice;
                while let Some((path, cookie)) = session.filter(|_| Instant::now() < deadline) {
                    let t = Instant::now();
                    let ok = if hello {
                        conn.send(Method::GET, "/_health", None, None)
                            .await
                            .is_ok_and(|r| r.status == 200 && &r.body[..] == b"ok")
                    } else {
                        conn.send(Method::GET, path, Some(cookie), None)
                            .await
                            .is_ok_and(|r| {
                                r.status == 200 && flow::screen_id(&r.body) == Some(TYPICAL_SCREEN)
                            })
                    };
                    if ok {
                        h.record(t.elapsed());
                        n += 1;
                    } else {
                        errors += 1;
                        conn.reset();
                    }
                }
                slices.push((n, errors, start, Instant::now(), h));
            }
            prepared.map(|_| slices)
        }));
    }
    let mut per_user = Vec::new();
    for t in tasks {
        per_user.push(
            t.await
                .map_err(|e| e.to_string())?
                .map_err(|e| format!("ceiling set-up: {e}"))?,
        );
    }
    let mut ceiling = Ceiling {
        hello: Rate::default(),
        screen: Rate::default(),
    };
    for s in 0..2 * CEILING_ROUNDS {
        let rate = if s % 2 == 0 {
            &mut ceiling.hello
        } else {
            &mut ceiling.screen
        };
        let start = per_user
            .iter()
            .map(|u| u[s].2)
            .min()
            .expect("at least one user");
        let end = per_user
            .iter()
            .map(|u| u[s].3)
            .max()
            .expect("at least one user");
        rate.seconds += (end - start).as_secs_f64();
        for u in &per_user {
            rate.requests += u[s].0;
            rate.errors += u[s].1;
            rate.latency.merge(&u[s].4);
        }
    }
    Ok(ceiling)
}

// ---------------------------------------------------------------------------------------------
// Output

fn print_run(r: &RunResult) {
    let f = &r.flows;
    let nss = f.rec.nss();
    let q = |h: &Histogram| {
        format!(
            "p50 {:.2} / p90 {:.2} / p99 {:.2} / max {:.2} ms ({} requests)",
            h.quantile_us(0.5) as f64 / 1000.0,
            h.quantile_us(0.9) as f64 / 1000.0,
            h.quantile_us(0.99) as f64 / 1000.0,
            h.quantile_us(1.0) as f64 / 1000.0,
            h.count()
        )
    };
    println!(
        "  flows: {:.0} flows/s ({} completed, {} errors, {:.1} s); server CPU {} ms/flow, load generator {:.2} ms/flow; load {:.2} → {:.2}",
        r.flows_per_s(),
        f.completed,
        f.errors,
        f.seconds,
        r.server_cpu_s
            .zip(r.server_kernel_cpu_s)
            .map_or("?".to_string(), |(s, k)| format!(
                "{:.2} (kernel {:.2})",
                s * 1000.0 / f.completed.max(1) as f64,
                k * 1000.0 / f.completed.max(1) as f64
            )),
        r.client_cpu_s * 1000.0 / f.completed.max(1) as f64,
        r.load_before[0],
        r.load_after[0]
    );
    if let Some(other) = r.other_cpu_s() {
        println!(
            "  other processes used {other:.1} CPU-seconds of the {:.0} the machine had during the phase",
            f.seconds * sys::machine().cores as f64
        );
    }
    for (e, n) in &f.error_samples {
        println!("    error ×{n}: {e}");
    }
    println!("  latency, every NSS request: {}", q(&nss));
    for (name, h) in KIND_NAMES.iter().zip(&f.rec.kinds) {
        println!("    {name:<17} {}", q(h));
    }
    if r.ceiling.hello.requests == 0 {
        println!("  ceiling: not measured");
        return;
    }
    println!(
        "  ceiling: hello-world {:.0} req/s, {TYPICAL_SCREEN} GET {:.0} req/s: the screen is {:.0} % of the ceiling",
        r.ceiling.hello.per_second(),
        r.ceiling.screen.per_second(),
        r.ratio() * 100.0
    );
}

fn summary(
    args: &Args,
    startup: Option<&Startup>,
    memory: Option<&Memory>,
    runs: &[&RunResult],
) -> Value {
    let med =
        |f: &dyn Fn(&RunResult) -> f64| median(&mut runs.iter().map(|r| f(r)).collect::<Vec<_>>());
    let nss_q = |q: f64| med(&|r| r.flows.rec.nss().quantile_us(q) as f64 / 1000.0);
    let flows_per_s = med(&|r| r.flows_per_s());
    let p99 = nss_q(0.99);
    let ratio = med(&|r| r.ratio());
    let mut kinds = serde_json::Map::new();
    for (i, name) in KIND_NAMES.iter().enumerate() {
        let kq = |q: f64| med(&|r| r.flows.rec.kinds[i].quantile_us(q) as f64 / 1000.0);
        kinds.insert(
            name.to_string(),
            json!({"p50_ms": kq(0.5), "p90_ms": kq(0.9), "p99_ms": kq(0.99), "max_ms": kq(1.0)}),
        );
    }
    json!({
        "what": format!("medians over {} run(s)", runs.len()),
        "flows_per_s": flows_per_s,
        "flow_errors": runs.iter().map(|r| r.flows.errors).sum::<u64>(),
        "nss_latency_ms": {"p50": nss_q(0.5), "p90": nss_q(0.9), "p99": p99, "max": nss_q(1.0)},
        "latency_by_kind_ms": kinds,
        "server_cpu_ms_per_flow": med(&|r| r.server_cpu_s.unwrap_or(f64::NAN) * 1000.0 / r.flows.completed.max(1) as f64),
        "client_cpu_ms_per_flow": med(&|r| r.client_cpu_s * 1000.0 / r.flows.completed.max(1) as f64),
        "server_kernel_cpu_ms_per_flow": med(&|r| r.server_kernel_cpu_s.unwrap_or(f64::NAN) * 1000.0 / r.flows.completed.max(1) as f64),
        "other_processes_cpu_s": med(&|r| r.other_cpu_s().unwrap_or(f64::NAN)),
        "hello_world_per_s": med(&|r| r.ceiling.hello.per_second()),
        "screen_get_per_s": med(&|r| r.ceiling.screen.per_second()),
        "screen_share_of_ceiling": ratio,
        "startup_ms": startup.map(|s| s.median_ms),
        "idle_rss_kib": startup.map(|s| s.idle_rss_kib),
        "per_idle_workspace_kib": memory.map(|m| m.per_idle_workspace_kib),
        "per_1000_finished_workspaces_kib": memory.map(|m| m.per_1000_finished_kib),
        "targets": {
            "flows_per_s_at_32_clients_with_p99_under_10ms": {
                "target": ">= 1500 flows/s, p99 < 10 ms, 32 clients",
                "clients": args.clients,
                "met": args.clients == 32 && flows_per_s >= 1500.0 && p99 < 10.0,
            },
            "screen_share_of_ceiling": {"target": ">= 0.40", "met": (args.ceiling_seconds > 0.0).then_some(ratio >= 0.40)},
            "startup": {"target": "< 50 ms", "met": startup.map(|s| s.median_ms < 50.0)},
            "idle_workspace": {"target": "< 64 KiB", "met": memory.map(|m| m.per_idle_workspace_kib < 64.0)},
        },
    })
}

fn print_summary(s: &Value, runs: usize) {
    println!(
        "summary ({}):",
        if runs == 1 {
            "one run".to_string()
        } else {
            format!("medians of {runs} runs")
        }
    );
    let met = |k: &str| {
        if s["targets"][k]["met"] == true {
            "met"
        } else {
            "NOT met"
        }
    };
    println!(
        "  {:.0} flows/s, NSS p99 {:.2} ms (target ≥ 1,500 flows/s at 32 clients, p99 < 10 ms: {})",
        s["flows_per_s"].as_f64().unwrap_or(0.0),
        s["nss_latency_ms"]["p99"].as_f64().unwrap_or(0.0),
        met("flows_per_s_at_32_clients_with_p99_under_10ms")
    );
    println!(
        "  screen GET {:.0} % of the hello-world (target ≥ 40 %: {})",
        s["screen_share_of_ceiling"].as_f64().unwrap_or(0.0) * 100.0,
        met("screen_share_of_ceiling")
    );
    println!(
        "  start-up {:.1} ms (target < 50 ms: {})",
        s["startup_ms"].as_f64().unwrap_or(0.0),
        met("startup")
    );
    println!(
        "  {:.1} KiB per idle workspace (target < 64 KiB: {})",
        s["per_idle_workspace_kib"].as_f64().unwrap_or(0.0),
        met("idle_workspace")
    );
}

// ---------------------------------------------------------------------------------------------
// 4. One workspace, many users

/// All clients reading one screen of one workspace: every GET is journaled in that workspace,
/// so its journal reaches its cap and stays there; memory must stay flat and the latency low.
struct Single {
    store: StoreKind,
    clients: usize,
    seconds: f64,
    requests: u64,
    errors: u64,
    latency: Histogram,
    /// (seconds since the start, VmRSS KiB), once a second.
    rss: Vec<(f64, u64)>,
}

/// Memory is judged after this warm-up (the journal fills up to its cap first).
const SINGLE_WARMUP_S: f64 = 5.0;

impl Single {
    fn rss_after_warmup(&self) -> (u64, u64, u64) {
        let after: Vec<u64> = self
            .rss
            .iter()
            .filter(|(t, _)| *t >= SINGLE_WARMUP_S)
            .map(|(_, k)| *k)
            .collect();
        let first = after.first().copied().unwrap_or(0);
        let max = after.iter().copied().max().unwrap_or(0);
        let last = after.last().copied().unwrap_or(0);
        (first, max, last)
    }

    fn p99_ms(&self) -> f64 {
        self.latency.quantile_us(0.99) as f64 / 1000.0
    }

    fn to_json(&self) -> Value {
        let (first, max, last) = self.rss_after_warmup();
        json!({
            "what": "all clients reading one screen of one workspace (each with its own session), every GET journaled",
            "store": self.store.name(),
            "clients": self.clients,
            "seconds": self.seconds,
            "requests": self.requests,
            "errors": self.errors,
            "requests_per_s": self.requests as f64 / self.seconds.max(f64::MIN_POSITIVE),
            "latency": self.latency.to_json(),
            "rss_kib_samples": self.rss,
            "rss_kib_after_warmup": {"first": first, "max": max, "last": last, "growth": max.saturating_sub(first)},
            "targets": {
                "p99_under_10ms": self.p99_ms() < 10.0,
                "flat_memory_growth_under_8_mib": max.saturating_sub(first) < 8 * 1024,
            },
        })
    }

    fn print(&self) {
        let (first, max, last) = self.rss_after_warmup();
        println!(
            "single workspace ({} store): {} clients, {:.0} req/s for {:.0} s, {} errors; p50 {:.2} / p99 {:.2} / max {:.2} ms (target p99 < 10 ms: {}); RSS after {SINGLE_WARMUP_S} s {} → max {} → last {} KiB (growth {} KiB)",
            self.store.name(),
            self.clients,
            self.requests as f64 / self.seconds.max(f64::MIN_POSITIVE),
            self.seconds,
            self.errors,
            self.latency.quantile_us(0.5) as f64 / 1000.0,
            self.p99_ms(),
            self.latency.quantile_us(1.0) as f64 / 1000.0,
            if self.p99_ms() < 10.0 {
                "met"
            } else {
                "NOT met"
            },
            first,
            max,
            last,
            max.saturating_sub(first)
        );
    }
}

async fn single_phase(
    bin: &std::path::Path,
    store: StoreKind,
    args: &Args,
) -> Result<Single, String> {
    println!(
        "single workspace: {} clients on one screen of one workspace, {} s …",
        args.clients, args.single_seconds
    );
    let sim = Simulator::start(bin, store)?;
    let addr = sim.addr;
    let plan = Arc::new(learn(addr).await?);
    let mut conn = Conn::new(addr);
    let ws = flow::create_workspace(&mut conn, 424_242, None).await?;
    // One after another: each reads its own temporary-account mail (the newest).
    let mut sessions = Vec::new();
    for _ in 0..args.clients {
        let mut c = Conn::new(addr);
        let mut walk = Walk::new(&mut c, ws.clone(), None);
        walk.walk(flow::steps_to_typical_screen(), &mut Mode::Replay(&plan))
            .await
            .map_err(|e| format!("single workspace set-up: {e}"))?;
        sessions.push((walk.path.clone(), walk.cookie.clone().unwrap_or_default()));
    }
    let t0 = Instant::now();
    let deadline = t0 + Duration::from_secs_f64(args.single_seconds);
    let pid = sim.pid();
    let sampler = tokio::spawn(async move {
        let mut samples = Vec::new();
        while Instant::now() < deadline {
            samples.push((t0.elapsed().as_secs_f64(), sys::rss_kib_of(pid)));
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        samples
    });
    let mut tasks = Vec::new();
    for (path, cookie) in sessions {
        tasks.push(tokio::spawn(async move {
            let mut conn = Conn::new(addr);
            let (mut n, mut errors, mut h) = (0u64, 0u64, Histogram::default());
            while Instant::now() < deadline {
                let t = Instant::now();
                let ok = conn
                    .send(Method::GET, &path, Some(&cookie), None)
                    .await
                    .is_ok_and(|r| {
                        r.status == 200 && flow::screen_id(&r.body) == Some(TYPICAL_SCREEN)
                    });
                if ok {
                    h.record(t.elapsed());
                    n += 1;
                } else {
                    errors += 1;
                    conn.reset();
                }
            }
            (n, errors, h)
        }));
    }
    let mut single = Single {
        store,
        clients: args.clients,
        seconds: 0.0,
        requests: 0,
        errors: 0,
        latency: Histogram::default(),
        rss: Vec::new(),
    };
    for t in tasks {
        let (n, e, h) = t.await.map_err(|e| e.to_string())?;
        single.requests += n;
        single.errors += e;
        single.latency.merge(&h);
    }
    single.seconds = t0.elapsed().as_secs_f64();
    single.rss = sampler.await.map_err(|e| e.to_string())?;
    single.rss.push((single.seconds, sim.rss_kib()));
    Ok(single)
}
