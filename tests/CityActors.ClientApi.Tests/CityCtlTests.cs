using System.Text;
using CityActors.Client;
using CityActors.Client.Cli;
using CityActors.ClientApi.Tests.Support;
using CityActors.Grains.Access;

namespace CityActors.ClientApi.Tests;

/// <summary>cityctl against the real silo: what it does and the exit codes scripts rely on.</summary>
[Collection(CityCtlConsole.Collection)]
public sealed class CityCtlTests(SqliteApiSilo silo) : IClassFixture<SqliteApiSilo>
{
    Task<int> RunAsync(string? key, params string[] args)
        => CityCtl.RunAsync([.. args, "--url", silo.Process.Address.ToString(), .. key is null ? Array.Empty<string>() : ["--key", key]]);

    /// <summary>Runs cityctl and keeps what it printed on standard output.</summary>
    Task<(int Code, string Output)> PrintedAsync(string? key, params string[] args) => CityCtlConsole.PrintedAsync(() => RunAsync(key, args));

    static async Task<string> FileAsync(string name, byte[] content)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("cityctl-").FullName, name);
        await File.WriteAllBytesAsync(path, content);
        return path;
    }

    [Fact]
    public async Task ImportConcept_DryRun_PrintsEachChangeWithItsFieldsAndChangesNothing()
    {
        var planner = (await silo.KeyAsync(ApiRole.Planner)).Secret;
        var file = await FileAsync("zvit-2025.txt", ConceptFile.Edited);

        var (code, output) = await PrintedAsync(planner, "import", "concept", file, "--dry-run");
        var report = (await silo.Public.GetProjectAsync(ConceptFile.Platform)).Project.Reports[0].Report;

        Assert.Equal(ExitCodes.Ok, code);
        // The report text is long: the line shows where the two begin to differ.
        Assert.Contains($"Would change:{Environment.NewLine}~ report {ConceptFile.Platform} (changed, line 9){Environment.NewLine}    statusText: \"…", output, StringComparison.Ordinal);
        Assert.Contains("У розділі \"Добре\" оприлюднювалась інформація про місцевих виробників.\" (", output, StringComparison.Ordinal);
        Assert.Contains("→ \"…", output, StringComparison.Ordinal);
        Assert.Contains("У розділі \"Добре\" оприлюднено інформацію про місцевих виробників.\" (", output, StringComparison.Ordinal);
        Assert.Contains("report: 0 new, 1 changed, 212 unchanged, 0 failed", output, StringComparison.Ordinal);
        Assert.EndsWith($"Dry run: nothing was changed.{Environment.NewLine}", output, StringComparison.Ordinal);
        Assert.Contains("оприлюднювалась інформація", report.StatusText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportConcept_ThenTheSameFileAgain_AppliesTheChangeOnce()
    {
        var planner = (await silo.KeyAsync(ApiRole.Planner)).Secret;
        var edited = await FileAsync("zvit-2025.txt", ConceptFile.Edited);
        var shipped = await FileAsync("zvit-2025-original.txt", ConceptFile.Shipped);

        var (code, output) = await PrintedAsync(planner, "import", "concept", edited);
        var report = (await silo.Public.GetProjectAsync(ConceptFile.Platform)).Project.Reports[0].Report;
        var (againCode, again) = await PrintedAsync(planner, "import", "concept", edited);
        var restored = await RunAsync(planner, "import", "concept", shipped);

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok, ExitCodes.Ok), (code, againCode, restored));
        Assert.StartsWith($"Changes:{Environment.NewLine}~ report {ConceptFile.Platform} (changed, line 9)", output, StringComparison.Ordinal);
        Assert.EndsWith($"Applied.{Environment.NewLine}", output, StringComparison.Ordinal);
        Assert.Contains("оприлюднено інформацію", report.StatusText, StringComparison.Ordinal);
        Assert.DoesNotContain("Changes:", again, StringComparison.Ordinal);
        Assert.Contains("report: 0 new, 0 changed, 213 unchanged, 0 failed", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportFacilities_DryRunThenImport_PrintsTheNewFacilityAndThenRegistersIt()
    {
        var planner = (await silo.KeyAsync(ApiRole.Planner)).Secret;
        var key = $"school-{Guid.NewGuid():N}"[..20];
        var file = await FileAsync("reiestr.csv", Encoding.UTF8.GetBytes($"ідентифікатор,тип,назва,адреса,район,підрозділ,місткість\n{key},school,Ліцей № 903,\"вул. Київська, 3\",Корольовський,education,640\n"));

        var (dryCode, dry) = await PrintedAsync(planner, "import", "facilities", file, "--dry-run");
        var afterDry = await Assert.ThrowsAsync<CityApiException>(() => silo.Admin.GetFacilityAsync(key));
        var (code, output) = await PrintedAsync(planner, "import", "facilities", file);

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (dryCode, code));
        Assert.Contains($"+ facility {key} (new, line 2){Environment.NewLine}", dry, StringComparison.Ordinal);
        Assert.Contains("    name: \"Ліцей № 903\"", dry, StringComparison.Ordinal);
        Assert.Contains("    address: \"вул. Київська, 3\"", dry, StringComparison.Ordinal);
        Assert.Contains("    capacity: \"640\"", dry, StringComparison.Ordinal);
        Assert.Contains("facility: 1 new, 0 changed, 0 unchanged, 0 failed", dry, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, afterDry.Status);
        Assert.EndsWith($"Applied.{Environment.NewLine}", output, StringComparison.Ordinal);
        Assert.Equal("Ліцей № 903", (await silo.Admin.GetFacilityAsync(key)).Registration!.Name);
    }

    [Fact]
    public async Task ImportFacilities_ABadRow_IsExitCode6AndNamesItsLine()
    {
        var file = await FileAsync("bad.csv", Encoding.UTF8.GetBytes("id,kind,name,address,district,department\nschool-x1,spaceship,Ракета,вул. Київська,Корольовський,education\n"));

        var (code, output) = await PrintedAsync(ApiSilo.AdminKey, "import", "facilities", file, "--dry-run");

        Assert.Equal(ExitCodes.Partial, code);
        Assert.Contains("facility: 0 new, 0 changed, 0 unchanged, 1 failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConceptStatusRulesAndProjectsStatusOverride_PrintWhatTheyDid()
    {
        var planner = (await silo.KeyAsync(ApiRole.Planner)).Secret;

        var (rulesCode, rules) = await PrintedAsync(null, "concept", "status-rules");
        var (setCode, set) = await PrintedAsync(planner, "projects", "status-override", ConceptFile.Platform, "in-progress", "--reason", "Портал ще наповнюється");
        var (removeCode, removed) = await PrintedAsync(planner, "projects", "status-override", ConceptFile.Platform, "--remove");
        var usage = await RunAsync(planner, "projects", "status-override", ConceptFile.Platform);
        var department = await RunAsync((await silo.KeyAsync(ApiRole.Department, "economy")).Secret, "projects", "status-override", ConceptFile.Platform, "implemented");

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok, ExitCodes.Ok, ExitCodes.Usage, ExitCodes.NotAllowed), (rulesCode, setCode, removeCode, usage, department));
        Assert.StartsWith("1. noInformation: ", rules, StringComparison.Ordinal);
        Assert.Contains("6. implemented: any other report of work done in the year", rules, StringComparison.Ordinal);
        Assert.Equal($"{ConceptFile.Platform}: 2025 inProgress (override){Environment.NewLine}", set);
        Assert.Equal($"{ConceptFile.Platform}: 2025 implemented (by the rules){Environment.NewLine}", removed);
    }

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

    [Theory]
    [InlineData("--alarm", "maybe")]
    [InlineData("--alarm", "7")]
    [InlineData("--sort", "height")]
    public async Task FacilitiesList_ValueOutsideTheOptionsSet_IsExitCode2(string option, string value)
    {
        var code = await RunAsync(ApiSilo.AdminKey, "facilities", "list", option, value);

        Assert.Equal(ExitCodes.Usage, code);
    }

    [Fact]
    public async Task PushFile_AnotherDepartmentsFacility_IsExitCode4AndChangesNothing()
    {
        var key = $"school-{Guid.NewGuid():N}"[..20];
        await silo.Admin.RegisterFacilityAsync(key, ApiSilo.School("Ліцей № 14"));
        var transport = (await silo.KeyAsync(ApiRole.Department, "transport")).Secret;
        var version = (await silo.Admin.GetFacilityAsync(key)).Version;
        var file = await WriteFileAsync([$$"""{"facility":"{{key}}","status":"remote"}"""]);
        try
        {
            var code = await RunAsync(transport, "push-file", file);

            Assert.Equal(ExitCodes.NotAllowed, code);
            Assert.Equal(version, (await silo.Admin.GetFacilityAsync(key)).Version);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task PushFile_OneBatchOutOfRange_AppliesTheOthersAndIsExitCode6()
    {
        var key = $"school-{Guid.NewGuid():N}"[..20];
        await silo.Admin.RegisterFacilityAsync(key, ApiSilo.School("Ліцей № 15"));
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var file = await WriteFileAsync([
            $$"""{"facility":"{{key}}","status":"remote","observedAt":"{{start:O}}"}""",
            $$"""{"facility":"{{key}}","status":"open","readings":{"temperature":99},"observedAt":"{{start.AddMinutes(1):O}}"}""",
            $$"""{"facility":"{{key}}","status":"closed","observedAt":"{{start.AddMinutes(2):O}}"}""",
        ]);
        try
        {
            var code = await RunAsync(ApiSilo.AdminKey, "push-file", file, "--batch-size", "1");

            Assert.Equal(ExitCodes.Partial, code);
            Assert.Equal("closed", (await silo.Admin.GetFacilityAsync(key)).Status);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ImportFacilities_FileWithAnUnknownKind_IsExitCode6()
    {
        var key = $"school-{Guid.NewGuid():N}"[..20];
        var file = Path.Combine(Path.GetTempPath(), $"reiestr-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, $"id,kind,name,address,district,department\n{key},spaceship,Ракета,вул. Київська,Корольовський,education\n");
        try
        {
            var code = await RunAsync(ApiSilo.AdminKey, "import", "facilities", file);

            Assert.Equal(ExitCodes.Partial, code);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task PushFile_FileThatCannotBeRead_IsExitCode1()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.jsonl");

        var code = await RunAsync(ApiSilo.AdminKey, "push-file", missing);

        Assert.Equal(ExitCodes.Failed, code);
    }

    static async Task<string> WriteFileAsync(IEnumerable<string> lines)
    {
        var file = Path.Combine(Path.GetTempPath(), $"updates-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file, lines);
        return file;
    }

    [Fact]
    public async Task Kinds_PutShowEditPut_DefinesAndChangesAKind_BadFilesAndOtherRolesChangeNothing()
    {
        var id = $"water-kiosk-{Guid.NewGuid():N}"[..24];
        var folder = Directory.CreateTempSubdirectory("cityctl-kinds-");
        var definition = Path.Combine(folder.FullName, "kiosk.json");
        var shown = Path.Combine(folder.FullName, "shown.json");
        var broken = Path.Combine(folder.FullName, "broken.json");
        var notJson = Path.Combine(folder.FullName, "not.json");
        await File.WriteAllTextAsync(definition, KindsApiTests.Kiosk(id).ToJsonString());
        var planner = (await silo.KeyAsync(ApiRole.Planner)).Secret;
        var @operator = (await silo.KeyAsync(ApiRole.Operator)).Secret;
        try
        {
            var defined = await RunAsync(@operator, "kinds", "put", definition);
            var show = await RunAsync(null, "kinds", "show", id, "-o", shown);
            var edited = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(shown))!;
            edited["name"] = "Бювет питної води";
            await File.WriteAllTextAsync(shown, edited.ToJsonString());
            var changed = await RunAsync(@operator, "kinds", "put", shown);
            edited["readings"]![0]!["min"] = 500;
            await File.WriteAllTextAsync(broken, edited.ToJsonString());
            await File.WriteAllTextAsync(notJson, "id: water-kiosk\n");
            var refused = await RunAsync(@operator, "kinds", "put", broken);
            var unreadable = await RunAsync(@operator, "kinds", "put", notJson);
            var missing = await RunAsync(@operator, "kinds", "put", Path.Combine(folder.FullName, "missing.json"));
            var byPlanner = await RunAsync(planner, "kinds", "put", definition);
            var unknown = await RunAsync(null, "kinds", "show", "no-such-kind");
            var list = await RunAsync(null, "kinds", "list");
            var stored = await silo.Admin.GetKindAsync(id);

            Assert.Equal(ExitCodes.Ok, defined);
            Assert.Equal(ExitCodes.Ok, show);
            Assert.Equal(ExitCodes.Ok, changed);
            Assert.Equal(ExitCodes.Refused, refused);
            Assert.Equal(ExitCodes.Refused, unreadable);
            Assert.Equal(ExitCodes.Failed, missing);
            Assert.Equal(ExitCodes.NotAllowed, byPlanner);
            Assert.Equal(ExitCodes.Refused, unknown);
            Assert.Equal(ExitCodes.Ok, list);
            Assert.Equal("Бювет питної води", stored.Name);
            Assert.Equal((0d, 100d), (stored.Readings[0].Min, stored.Readings[0].Max));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
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
