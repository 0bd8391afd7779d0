using System.Diagnostics;
using System.Globalization;

namespace CityActors.Silo.Tests;

/// <summary>
/// A PostgreSQL server of the test's own (initdb into a temporary folder, its own port), so a test can stop and
/// start it without disturbing the shared test server. Runs the Debian binaries as the <c>postgres</c> user.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    readonly string _bin;
    readonly string _data;

    PrivatePostgres(string bin, string data, int port)
    {
        _bin = bin;
        _data = data;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=3;Command Timeout=5";

    public static async Task<PrivatePostgres> CreateAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        if (bin is null)
            throw new InvalidOperationException("PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb) are missing; install the postgresql package.");
        var data = Path.Combine(Path.GetTempPath(), $"cityactors-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        await RunAsync("chown", "postgres:postgres", data);
        var server = new PrivatePostgres(bin, data, SiloProcess.FreePort());
        await server.AsPostgresAsync("initdb", "-D", data, "-U", "postgres", "-A", "trust", "--no-sync");
        await server.StartAsync();
        return server;
    }

    public Task StartAsync() => AsPostgresAsync("pg_ctl", "-D", _data, "-w", "-t", "30", "-l", Path.Combine(_data, "server.log"),
        "-o", string.Create(CultureInfo.InvariantCulture, $"-p {Port} -k {_data} -c listen_addresses=127.0.0.1 -c fsync=off"), "start");

    public Task StopAsync() => AsPostgresAsync("pg_ctl", "-D", _data, "-w", "-m", "immediate", "stop");

    Task AsPostgresAsync(string program, params string[] arguments)
        => RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. arguments]);

    static async Task RunAsync(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped by the test.
        }
        Directory.Delete(_data, recursive: true);
    }
}
