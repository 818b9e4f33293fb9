using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Short runs (10 measured iterations: the shared machine is noisy) in this process unless a job is asked for:
// BenchmarkDotNet's default rebuilds the server per run (minutes on the shared 2-core machine, and the web app's
// npm build with it). Benchmark classes are not sealed: BenchmarkDotNet derives its runner from them.
var chosenJob = args.Any(a => a is "--job" or "-j" or "--inProcess" or "-i");
// Reports go to artifacts/benchmarks (ignored by git) from any working directory: this binary is in artifacts/bin/Fajma.Benchmarks/<config>/.
var config = DefaultConfig.Instance.WithArtifactsPath(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../benchmarks")));
config = chosenJob ? config : config.AddJob(Job.ShortRun.WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(Fajma.Benchmarks.Inputs).Assembly).Run(args, config);
