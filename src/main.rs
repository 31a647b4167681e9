use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = claims::cli::Cli::parse();
    match claims::run(cli) {
        Ok(code) => code,
        Err(err) if claims::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("claims: {}", claims::describe(&err));
            claims::exit_code(&err)
        }
    }
}
