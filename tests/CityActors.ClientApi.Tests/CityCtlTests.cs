using CityActors.Client.Cli;
using CityActors.ClientApi.Tests.Support;
using CityActors.Grains.Access;

namespace CityActors.ClientApi.Tests;

/// <summary>cityctl against the real silo: what it does and the exit codes scripts rely on.</summary>
public sealed class CityCtlTests(SqliteApiSilo silo) : IClassFixture<SqliteApiSilo>
{
    Task<int> RunAsync(string? key, params string[] args)
        => CityCtl.RunAsync([.. args, "--url", silo.Process.Address.ToString(), .. key is null ? Array.Empty<string>() : ["--key", key]]);

    [Fact]
    public async Task PushFile_TwiceTheSameFile_AppliesOnce()
    {
        var key = $"school-{Guid.NewGuid():N}"[..20];
        await silo.Admin.RegisterFacilityAsync(key, ApiSilo.School("Ліцей № 12"));
        var file = Path.Combine(Path.GetTempPath(), $"updates-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, 30).Select(i =>
            $$"""{"facility":"{{key}}","status":"{{(i % 2 == 0 ? "open" : "remote")}}","observedAt":"{{DateTimeOffset.UtcNow.AddMinutes(i - 40):O}}"}"""));
        try
        {
            var first = await RunAsync(ApiSilo.AdminKey, "push-file", file, "--batch-size", "7");
            var version = (await silo.Admin.GetFacilityAsync(key)).Version;
            var second = await RunAsync(ApiSilo.AdminKey, "push-file", file);

            Assert.Equal(ExitCodes.Ok, first);
            Assert.Equal(ExitCodes.Ok, second);
            Assert.Equal(version, (await silo.Admin.GetFacilityAsync(key)).Version);
            Assert.Equal("remote", (await silo.Admin.GetFacilityAsync(key)).Status);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ExitCodes_TellScriptsWhatHappened()
    {
        var key = $"school-{Guid.NewGuid():N}"[..20];
        await silo.Admin.RegisterFacilityAsync(key, ApiSilo.School("Ліцей № 13"));
        var planner = (await silo.KeyAsync(ApiRole.Planner)).Secret;

        Assert.Equal(ExitCodes.Ok, await RunAsync(ApiSilo.AdminKey, "push", key, "remote", "-r", "temperature=19.5"));
        Assert.Equal(ExitCodes.Refused, await RunAsync(ApiSilo.AdminKey, "push", key, "open", "-r", "temperature=99"));
        Assert.Equal(ExitCodes.Refused, await RunAsync(ApiSilo.AdminKey, "push", "school-nowhere", "open"));
        Assert.Equal(ExitCodes.NotAllowed, await RunAsync(planner, "push", key, "open"));
        Assert.Equal(ExitCodes.NotAllowed, await RunAsync("ca_unknown_key", "me"));
        Assert.Equal(ExitCodes.Usage, await RunAsync(ApiSilo.AdminKey, "push", key));
        Assert.Equal(ExitCodes.Usage, await RunAsync(ApiSilo.AdminKey, "keys", "create", "--name", "x", "--role", "root"));
        Assert.Equal(ExitCodes.Ok, await RunAsync(ApiSilo.AdminKey, "facilities", "list", "--kind", "school", "--json"));
        Assert.Equal(ExitCodes.Ok, await RunAsync(null, "--help"));
        Assert.Equal("remote", (await silo.Admin.GetFacilityAsync(key)).Status);
    }

    [Fact]
    public async Task ReportBuildAndVersions_PlannerBuilds_OthersMayNot_ExitCodesTellWhich()
    {
        await silo.EventuallyAsync(async () => (await silo.Public.ConceptAsync()).Priorities.Count > 0, "the Concept imported");
        var planner = (await silo.KeyAsync(ApiRole.Planner)).Secret;
        var operatorKey = (await silo.KeyAsync(ApiRole.Operator)).Secret;

        var built = await RunAsync(planner, "report", "build", "2025");
        var (listed, output) = await CapturedAsync(() => RunAsync(null, "report", "versions", "2025", "--json"));
        var versions = await silo.Public.ReportVersionsAsync(2025);

        Assert.Equal(ExitCodes.Ok, built);
        Assert.Equal(ExitCodes.Ok, listed);
        var latest = Assert.Single(versions);
        Assert.Contains(latest.ContentHash, output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotAllowed, await RunAsync(operatorKey, "report", "build", "2025"));
        Assert.Equal(ExitCodes.NotAllowed, await RunAsync(null, "report", "build", "2025"));
        Assert.Equal(ExitCodes.Refused, await RunAsync(planner, "report", "build", "1999"));
        Assert.Equal(ExitCodes.Refused, await RunAsync(null, "report", "versions", "2101"));
        Assert.Equal(ExitCodes.Usage, await RunAsync(planner, "report", "build"));
        Assert.Equal(ExitCodes.Usage, await RunAsync(planner, "report", "build", "2025", "--as-of", "yesterday"));
        Assert.Equal(ExitCodes.Ok, await RunAsync(null, "report", "build", "--help"));
        Assert.Equal(versions, await silo.Public.ReportVersionsAsync(2025));
    }

    /// <summary>Runs a command and returns what it printed on standard output.</summary>
    /// <remarks>Standard output is one per process: cityctl runs of other test classes may print into it meanwhile, so assert only what this command alone prints.</remarks>
    static async Task<(int Code, string Output)> CapturedAsync(Func<Task<int>> run)
    {
        var original = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(TextWriter.Synchronized(captured));
        try
        {
            return (await run(), captured.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    [Fact]
    public async Task Unreachable_Silo_IsExitCode5()
    {
        var code = await CityCtl.RunAsync(["me", "--url", "http://127.0.0.1:1"]);

        Assert.Equal(ExitCodes.Unavailable, code);
    }
}
