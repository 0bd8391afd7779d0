using System.Net.Http.Json;
using CityActors.Client;
using CityActors.ClientApi.Contracts;
using CityActors.Grains.Access;
using CityActors.Grains.Facilities;
using Npgsql;

namespace CityActors.ClientApi.Tests.Support;

/// <summary>The real silo as its own process, on a fresh SQLite file or PostgreSQL schema, with a known bootstrap admin key.</summary>
/// <remarks>The demo city and its simulator are off: tests register what they need, so nothing changes behind their back.</remarks>
public abstract class ApiSilo : IAsyncLifetime
{
    public const string AdminKey = "test-bootstrap-admin-key-of-zhytomyr-0001";

    public static string PostgresConnectionString => Environment.GetEnvironmentVariable("CITYACTORS_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=cityactors_test";

    SiloProcess? _process;

    public SiloProcess Process => _process ?? throw new InvalidOperationException("Not started.");

    public CityClient Admin { get; private set; } = null!;

    public CityClient Public { get; private set; } = null!;

    protected abstract Dictionary<string, string> Storage();

    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    /// <summary>More settings for one fixture, such as a low public rate limit.</summary>
    protected virtual Dictionary<string, string> Settings() => [];

    public async Task InitializeAsync()
    {
        var environment = new Dictionary<string, string>(Storage())
        {
            ["ClientApi__BootstrapAdminKey"] = AdminKey,
            ["ClientApi__KeyCacheDuration"] = "00:00:00",
            ["City__Demo__Enabled"] = "false",
            ["City__Simulator__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in Settings())
            environment[key] = value;
        _process = await SiloProcess.StartAsync(environment);
        Admin = new CityClient(_process.Client(AdminKey));
        Public = new CityClient(_process.Client(null));
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
            await _process.DisposeAsync();
        await CleanUpAsync();
    }

    /// <summary>A new key of this role and a client that sends it.</summary>
    public async Task<(CityClient Client, ApiKeyInfo Key, string Secret)> KeyAsync(ApiRole role, string? department = null, string? name = null)
    {
        var created = await Admin.CreateKeyAsync(new ApiKeyRequest(name ?? $"тест {role} {department}", role, department));
        return (new CityClient(Process.Client(created.Secret)), created.Key, created.Secret);
    }

    public HttpClient Raw(string? key) => Process.Client(key);

    public static RegisterFacilityRequest School(string name, string department = "education", bool locationPublic = true)
        => new("school", name, "вул. Велика Бердичівська, 40", "Корольовський", department, new GeoPoint(50.2547, 28.6587), locationPublic, 1100);

    public static RegisterFacilityRequest Signal(string name, string department = "transport")
        => new("traffic-signal", name, "вул. Київська — вул. Хлібна", "Богунський", department, new GeoPoint(50.2621, 28.6712), true);

    public static RegisterFacilityRequest Shelter(string name, string department = "civil-protection")
        => new("shelter", name, "вул. Вʼячеслава Липинського, 3", "Богунський", department, new GeoPoint(50.2490, 28.6650), LocationPublic: false, Capacity: 150);

    /// <summary>Waits until the directory lists what <paramref name="done"/> expects (it follows the stream, milliseconds behind).</summary>
    public async Task EventuallyAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting for: {what}");
            await Task.Delay(20);
        }
    }

    public async Task<long> VersionAsync(string facility) => (await Admin.GetFacilityAsync(facility)).Version;

    public Task<T?> GetJsonAsync<T>(string path) => Raw(AdminKey).GetFromJsonAsync<T>(path, CityClient.Json);
}

public sealed class SqliteApiSilo : ApiSilo
{
    readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cityactors-api-");

    protected override Dictionary<string, string> Storage() => new() { ["Storage__Sqlite__DataSource"] = Path.Combine(_folder.FullName, "city.db") };

    protected override Task CleanUpAsync()
    {
        _folder.Delete(recursive: true);
        return Task.CompletedTask;
    }
}

public class PostgresApiSilo : ApiSilo
{
    readonly string _schema = $"api_{Guid.NewGuid():N}";

    public string Schema => _schema;

    protected override Dictionary<string, string> Storage() => new()
    {
        ["Storage__Provider"] = "Postgres",
        ["Storage__Postgres__ConnectionString"] = PostgresConnectionString,
        ["Storage__Postgres__Schema"] = _schema,
    };

    protected override async Task CleanUpAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
