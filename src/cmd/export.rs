//! `claims export`.
#[derive(Debug, clap::Args)]
pub struct Args {}
pub fn run(
    _env: &super::Env,
    _args: Args,
    _out: &mut dyn std::io::Write,
) -> anyhow::Result<std::process::ExitCode> {
    todo!()
}
