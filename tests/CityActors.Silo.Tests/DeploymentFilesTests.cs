namespace CityActors.Silo.Tests;

/// <summary>The files in <c>deploy/</c> hold what running CityActors in production needs.</summary>
public sealed class DeploymentFilesTests
{
    static readonly string s_deploy = Path.Combine(Repository.Root, "deploy");

    static Dictionary<string, object> Services()
        => Map(YamlSubset.Parse(File.ReadAllText(Path.Combine(s_deploy, "compose.yaml"))), "services");

    [Fact]
    public void Compose_HasTheSiloPostgresAndTheOpenTelemetryBackend()
    {
        var services = Services();

        Assert.Equal(["lgtm", "postgres", "silo"], services.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("postgres:15", Map(services, "postgres")["image"]);
        Assert.StartsWith("grafana/otel-lgtm", (string)Map(services, "lgtm")["image"], StringComparison.Ordinal);
        Assert.Equal(["3000:3000", "4317:4317", "4318:4318"], List(Map(services, "lgtm"), "ports"));
        Assert.Equal(["8080:8080"], List(Map(services, "silo"), "ports"));
    }

    [Fact]
    public void Compose_SiloIsConfiguredByEnvironmentForPostgresAndOtlp()
    {
        var silo = Map(Services(), "silo");
        var environment = Map(silo, "environment");
        var build = Map(silo, "build");

        Assert.Equal("Postgres", environment["Storage__Provider"]);
        Assert.Contains("Host=postgres;", (string)environment["Storage__Postgres__ConnectionString"], StringComparison.Ordinal);
        Assert.Equal("http://lgtm:4318", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("http/protobuf", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal("service_healthy", Map(Map(silo, "depends_on"), "postgres")["condition"]);
        Assert.True(File.Exists(Path.Combine(s_deploy, (string)build["context"], (string)build["dockerfile"])), "the Dockerfile the compose file builds");
    }

    [Fact]
    public void Compose_MountsDashboardsWhereTheProvisioningFileLooks()
    {
        var volumes = List(Map(Services(), "lgtm"), "volumes").Select(v => v.Split(':')).ToList();
        var provisioning = volumes.Single(v => v[1].EndsWith("/provisioning/dashboards/cityactors.yaml", StringComparison.Ordinal));
        var dashboards = volumes.Single(v => v[0] == "./grafana/dashboards");
        var provider = (Dictionary<string, object>)((List<object>)YamlSubset.Parse(File.ReadAllText(Path.Combine(s_deploy, provisioning[0])))["providers"])[0];

        Assert.Equal(dashboards[1], Map(provider, "options")["path"]);
        Assert.True(Directory.GetFiles(Path.Combine(s_deploy, dashboards[0]), "*.json").Length >= 2);
    }

    [Fact]
    public void SystemdUnit_RunsThePublishedSiloAndStopsGracefully()
    {
        var unit = File.ReadAllLines(Path.Combine(s_deploy, "cityactors.service"));

        Assert.Contains("ExecStart=/usr/bin/dotnet /opt/cityactors/CityActors.Silo.dll", unit);
        Assert.Contains("KillSignal=SIGTERM", unit);
        Assert.Contains("EnvironmentFile=-/etc/cityactors/cityactors.env", unit);
    }

    static Dictionary<string, object> Map(Dictionary<string, object> parent, string key)
        => Assert.IsType<Dictionary<string, object>>(parent[key]);

    static List<string> List(Dictionary<string, object> parent, string key)
        => [.. Assert.IsType<List<object>>(parent[key]).Cast<string>()];
}
