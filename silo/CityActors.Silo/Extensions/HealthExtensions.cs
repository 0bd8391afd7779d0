namespace CityActors.Silo.Extensions;

/// <summary>
/// <c>GET /health/live</c>: the process answers (for restarts). <c>GET /health/ready</c>: the silo is started and its
/// storage answers with the schema it migrated at start (for load balancers); 503 with the reason otherwise.
/// </summary>
public static class HealthExtensions
{
    static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" }))
            .WithName("GetLiveness")
            .WithSummary("The process is running");
        app.MapGet("/health/ready", async (Runtime.Hosting.Silo silo, CancellationToken aborted) =>
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                timeout.CancelAfter(s_probeTimeout);
                var health = await silo.CheckStorageAsync(timeout.Token);
                var body = new { status = health.Ready ? "ready" : "not ready", storage = health.Backend, schemaVersion = health.SchemaVersion, expectedSchemaVersion = health.ExpectedSchemaVersion, problem = health.Problem };
                return health.Ready ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .WithName("GetReadiness")
            .WithSummary("The silo is started and its storage answers with the current schema");
        return app;
    }
}
