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
    public async Task Unreachable_Silo_IsExitCode5()
    {
        var code = await CityCtl.RunAsync(["me", "--url", "http://127.0.0.1:1"]);

        Assert.Equal(ExitCodes.Unavailable, code);
    }
}
