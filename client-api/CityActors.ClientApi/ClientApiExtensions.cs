using System.Threading.RateLimiting;
using CityActors.ClientApi.Access;
using CityActors.ClientApi.Apis;
using CityActors.ClientApi.Http;
using CityActors.ClientApi.OpenApi;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CityActors.ClientApi;

/// <summary>Wires the client API into a silo: <c>builder.AddCityActorsApi()</c>, then <c>app.MapCityActorsApi()</c>.</summary>
public static class ClientApiExtensions
{
    public static WebApplicationBuilder AddCityActorsApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ClientApiOptions>().BindConfiguration("ClientApi")
            .PostConfigure<IConfiguration>((o, configuration) =>
            {
                if (builder.Configuration["ClientApi:City"] is null && configuration["City:Name"] is { Length: > 0 } city)
                    o.City = city;
            })
            .Validate(o => !o.Validate().Any(), "ClientApi options are invalid: see the README's ClientApi table.")
            .ValidateOnStart();
        services.TryAddTimeProvider();
        services.Configure<JsonOptions>(o => ApiJson.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddSingleton<CityGrains>();
        services.AddSingleton<ApiKeyResolver>();
        services.AddSingleton<IdempotencyGates>();
        services.AddSingleton<AuditTrail>();
        services.AddHostedService(s => s.GetRequiredService<AuditTrail>());
        services.AddHostedService<FirstAdminKey>();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<ClientApiOptions>>().Value;
                var caller = context.Items[typeof(Caller)] as Caller;
                return caller is null
                    ? Bucket($"ip:{context.Connection.RemoteIpAddress}", limits.PublicRequestsPerSecond)
                    : Bucket($"key:{caller.KeyId}", limits.RequestsPerSecond);
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
                await new Problems.WithRetryAfter(Problems.Of(StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"This key (or address) sent more than its limit; wait {seconds} s. Batches carry up to 10,000 updates in one request."), seconds).ExecuteAsync(context.HttpContext);
            };
        });
        services.AddOpenApi("v1", o => ApiDocument.Configure(o));
        return builder;
    }

    static RateLimitPartition<string> Bucket(string key, int perSecond) => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
    {
        TokenLimit = perSecond,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    });

    static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(s => s.ServiceType == typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }

    public static WebApplication MapCityActorsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        Problems.StorageRetryAfterSeconds = app.Services.GetRequiredService<IOptions<ClientApiOptions>>().Value.StorageRetryAfterSeconds;
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = HandleExceptionAsync });
            // Answers the routing gives without a body (no such endpoint, another method, a body type not taken) are problems
            // too, in JSON whatever the client accepts, like every other answer of the API.
            api.UseStatusCodePages(context => StatusProblem(context.HttpContext).ExecuteAsync(context.HttpContext));
            api.UseMiddleware<CallerMiddleware>();
            api.UseRateLimiter();
        });
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "CityActors API v1");
            o.RoutePrefix = "api/docs";
            o.DocumentTitle = "CityActors API — Житомир";
        });
        app.MapFacilitiesApi();
        app.MapFacilityUpdatesApi();
        app.MapAlarmsApi();
        app.MapProjectsApi();
        app.MapDepartmentsApi();
        app.MapAggregatesApi();
        app.MapKindsApi();
        app.MapAccessApi();
        app.MapImportsApi();
        app.MapReportsApi();
        return app;
    }

    static IResult StatusProblem(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var request = context.Request;
        return Problems.Of(status, ReasonPhrases.GetReasonPhrase(status), status switch
        {
            StatusCodes.Status404NotFound => $"There is no endpoint at '{request.Path}'; the API's endpoints are listed in /openapi/v1.json.",
            StatusCodes.Status405MethodNotAllowed => $"'{request.Path}' does not take {request.Method}; see /openapi/v1.json.",
            StatusCodes.Status415UnsupportedMediaType => $"'{request.Path}' does not take a body of type '{request.ContentType ?? "none"}'; see /openapi/v1.json.",
            _ => $"The request was answered {status} {ReasonPhrases.GetReasonPhrase(status)}.",
        });
    }

    static async Task HandleExceptionAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var problem = exception is null ? null : Problems.From(exception);
        await (problem ?? Problems.Of(StatusCodes.Status500InternalServerError, "Server fault",
            "The server failed on this request; it is logged. Nothing was half applied if the request was refused.")).ExecuteAsync(context);
    }
}
