using Agop.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process: the benchmarks load the same (build-patched) libLibTorchSharp.so as the app. The toolchain's default limit
// (5 minutes a benchmark) ends the process after the last iteration of a 30-second one, so it is raised.
var toolchain = new InProcessEmitToolchain(TimeSpan.FromMinutes(60), logOutput: true);
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(toolchain).WithWarmupCount(1).WithIterationCount(7))
    .AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(AttributionBenchmarks).Assembly).Run(args, config);
