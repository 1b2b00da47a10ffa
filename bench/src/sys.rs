//! The simulator as a child process, and what Linux tells about processes and the machine
//! (`/proc`): resident memory, CPU time, load.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Clock ticks per second of `/proc/*/stat` (`USER_HZ`, 100 on every Linux architecture that
/// matters here).
const TICKS_PER_SECOND: f64 = 100.0;

/// Where the simulator keeps its workspaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreKind {
    /// The default: SQLite in a data directory (a fresh one per process, removed after).
    Durable,
    /// `--ephemeral`: in memory.
    Memory,
}

impl StoreKind {
    pub fn name(self) -> &'static str {
        match self {
            StoreKind::Durable => "durable",
            StoreKind::Memory => "memory",
        }
    }
}

/// A running `nss-simulator --listen 127.0.0.1:0`.
pub struct Simulator {
    child: Child,
    pub addr: SocketAddr,
    /// From just before the process was spawned to the first answered request (`GET /_health`).
    pub startup: Duration,
    /// The data directory of a durable simulator, removed when it stops.
    data: Option<PathBuf>,
}

/// A fresh data directory under the target directory.
fn fresh_data_dir() -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let base = target_dir().unwrap_or_else(|| PathBuf::from("target"));
    base.join("bench").join(format!(
        "data-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ))
}

impl Simulator {
    /// Spawns the binary, reads the address it prints and waits for its first answer.
    pub fn start(bin: &Path, store: StoreKind) -> Result<Simulator, String> {
        let data = (store == StoreKind::Durable).then(fresh_data_dir);
        let t0 = Instant::now();
        let mut cmd = Command::new(bin);
        cmd.args(["--listen", "127.0.0.1:0"]);
        match &data {
            Some(dir) => {
                let _ = std::fs::remove_dir_all(dir);
                cmd.arg("--data").arg(dir);
            }
            None => {
                cmd.arg("--ephemeral");
            }
        }
        let mut child = cmd
            .env_remove("NSS_SIM_LISTEN")
            .env_remove("NSS_SIM_DATA")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        let read = reader.read_line(&mut line);
        let addr = match read {
            Ok(n) if n > 0 => line
                .trim()
                .rsplit(' ')
                .next()
                .and_then(|a| a.parse::<SocketAddr>().ok()),
            _ => None,
        };
        let Some(addr) = addr else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "the simulator did not print its address (got {line:?})"
            ));
        };
        // The rest of what it prints (the URLs) is drained so that it never blocks on a full pipe.
        std::thread::spawn(move || {
            let _ = std::io::copy(&mut reader, &mut std::io::sink());
        });
        let mut sim = Simulator {
            child,
            addr,
            startup: Duration::ZERO,
            data,
        };
        if !addr.ip().is_loopback() {
            return Err(format!(
                "the simulator listens on {addr}, not on the loopback"
            ));
        }
        health(addr)?;
        sim.startup = t0.elapsed();
        Ok(sim)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Resident memory (`VmRSS`), KiB.
    pub fn rss_kib(&self) -> u64 {
        rss_kib(&format!("/proc/{}/status", self.pid())).unwrap_or(0)
    }

    /// User and system (kernel: the loopback TCP stack, mostly) CPU time consumed so far,
    /// seconds.
    pub fn cpu_seconds(&self) -> CpuTime {
        cpu_time(&format!("/proc/{}/stat", self.pid())).unwrap_or_default()
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(dir) = &self.data {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// One blocking `GET /_health` on a fresh connection: the start-up probe.
fn health(addr: SocketAddr) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("GET /_health on {addr}: {e}");
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(10)).map_err(fail)?;
    s.set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(fail)?;
    s.set_nodelay(true).map_err(fail)?;
    write!(
        s,
        "GET /_health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .map_err(fail)?;
    let mut answer = Vec::new();
    s.read_to_end(&mut answer).map_err(fail)?;
    if answer.starts_with(b"HTTP/1.1 200") && answer.ends_with(b"ok") {
        Ok(())
    } else {
        Err(format!(
            "GET /_health on {addr} answered {:?}",
            String::from_utf8_lossy(&answer)
        ))
    }
}

/// Resident memory of process `pid`, KiB (0 if it cannot be read).
pub fn rss_kib_of(pid: u32) -> u64 {
    rss_kib(&format!("/proc/{pid}/status")).unwrap_or(0)
}

fn rss_kib(status_file: &str) -> Option<u64> {
    let text = std::fs::read_to_string(status_file).ok()?;
    let line = text.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU time of a process.
#[derive(Debug, Clone, Copy, Default)]
pub struct CpuTime {
    pub user: f64,
    pub system: f64,
}

impl CpuTime {
    pub fn total(self) -> f64 {
        self.user + self.system
    }

    pub fn since(self, earlier: CpuTime) -> CpuTime {
        CpuTime {
            user: self.user - earlier.user,
            system: self.system - earlier.system,
        }
    }
}

fn cpu_time(stat_file: &str) -> Option<CpuTime> {
    let text = std::fs::read_to_string(stat_file).ok()?;
    // The command name may hold spaces and parentheses: count fields after the last ')'.
    let rest = &text[text.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // Fields 14 (utime) and 15 (stime) of proc(5); `rest` starts at field 3.
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some(CpuTime {
        user: utime / TICKS_PER_SECOND,
        system: stime / TICKS_PER_SECOND,
    })
}

/// CPU time of this process (the load generator), seconds.
pub fn own_cpu_seconds() -> f64 {
    cpu_time("/proc/self/stat").unwrap_or_default().total()
}

/// CPU time the whole machine has spent busy (every core, every process), seconds: with the
/// simulator's and the bench's own CPU time it tells how much other work shared the machine.
pub fn machine_busy_seconds() -> f64 {
    let text = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let Some(line) = text.lines().find(|l| l.starts_with("cpu ")) else {
        return 0.0;
    };
    let ticks: Vec<f64> = line
        .split_whitespace()
        .skip(1)
        .map(|v| v.parse().unwrap_or(0.0))
        .collect();
    // user nice system idle iowait irq softirq steal: everything but idle and iowait.
    let busy: f64 = ticks
        .iter()
        .take(8)
        .enumerate()
        .filter(|(i, _)| *i != 3 && *i != 4)
        .map(|(_, t)| t)
        .sum();
    busy / TICKS_PER_SECOND
}

/// The 1, 5 and 15 minute load averages.
pub fn load_average() -> [f64; 3] {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mut it = text.split_whitespace().map(|v| v.parse().unwrap_or(0.0));
    [
        it.next().unwrap_or(0.0),
        it.next().unwrap_or(0.0),
        it.next().unwrap_or(0.0),
    ]
}

/// What the figures are read against.
pub struct Machine {
    pub cores: usize,
    pub cpu_model: String,
    pub mem_total_kib: u64,
    pub kernel: String,
}

pub fn machine() -> Machine {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu_model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split_once(':'))
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_else(|| "unknown".to_string());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_total_kib = meminfo
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "unknown".to_string());
    Machine {
        cores: std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
        cpu_model,
        mem_total_kib,
        kernel,
    }
}

/// The build profile this binary was compiled with; the simulator is built with the same one.
pub fn profile() -> &'static str {
    if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    }
}

/// The simulator binary next to this one (`target/<profile>/nss-simulator`), built first with
/// cargo unless `build` is false.
pub fn simulator_binary(build: bool) -> Result<PathBuf, String> {
    let exe =
        std::env::current_exe().map_err(|e| format!("cannot locate the bench binary: {e}"))?;
    let dir = exe.parent().ok_or("the bench binary has no directory")?;
    let bin = dir.join("nss-simulator");
    if build {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .ok_or("no workspace root")?;
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let mut cmd = Command::new(cargo);
        cmd.args([
            "build",
            "--quiet",
            "--bin",
            "nss-simulator",
            "--manifest-path",
        ])
        .arg(root.join("Cargo.toml"));
        if profile() == "release" {
            cmd.arg("--release");
        }
        let status = cmd.status().map_err(|e| format!("cannot run cargo: {e}"))?;
        if !status.success() {
            return Err(format!("building nss-simulator failed ({status})"));
        }
    }
    if bin.is_file() {
        Ok(bin)
    } else {
        Err(format!(
            "{} does not exist (build it, or give --simulator PATH)",
            bin.display()
        ))
    }
}

/// The target directory this binary lives in (`target/`), for the default report path.
pub fn target_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.parent()?.to_path_buf())
}
