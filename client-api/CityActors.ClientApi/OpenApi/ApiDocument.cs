using CityActors.ClientApi.Access;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CityActors.ClientApi.OpenApi;

/// <summary>The OpenAPI document: title, the API key scheme, which endpoints are public, and examples in the city's own data.</summary>
public static class ApiDocument
{
    const string ProblemJson = "application/problem+json";

    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "CityActors API — Житомир",
                Version = "v1",
                Description = "Departments push facility status; planners pull projects, aggregates and reports; operators acknowledge alarms. "
                    + "Send your key in the X-Api-Key header. Without a key: a public, read-only view with unpublishable locations withheld. "
                    + "Errors are RFC 9457 problem details (application/problem+json).",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Api-Key",
                Description = "An API key: cityctl keys create --role department --department education --name \"Департамент освіти\"",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var roles = metadata.OfType<RequiredRoles>().LastOrDefault();
            // A public endpoint works without a key ({}) and with one (which may show more); the others need a key.
            operation.Security =
            [
                .. roles is null ? [new OpenApiSecurityRequirement()] : Array.Empty<OpenApiSecurityRequirement>(),
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", context.Document)] = [] },
            ];
            var who = roles is null ? "Public: no key needed (a key may show more)." : $"Needs a key of role: {string.Join(", ", roles.Roles.Select(r => r.ToString().ToLowerInvariant()))}.";
            operation.Description = operation.Description is { Length: > 0 } described ? $"{described}\n\n{who}" : who;
            var name = metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName ?? "";
            foreach (var (mediaType, media) in operation.RequestBody?.Content ?? new Dictionary<string, OpenApiMediaType>())
                media.Example = Examples.Request(name, mediaType);
            foreach (var (status, response) in operation.Responses ?? [])
            {
                if (response is not OpenApiResponse { Content: { } answers } answer)
                    continue;
                var code = int.Parse(status, System.Globalization.CultureInfo.InvariantCulture);
                foreach (var (mediaType, media) in answers)
                {
                    if (code < 300)
                        media.Example = Examples.Response(name, mediaType);
                    else if (mediaType == ProblemJson)
                        media.Example = Examples.Problem(code);
                }
                if (code >= 400)
                    answer.Description = Examples.ProblemTitle(code);
            }
            return Task.CompletedTask;
        });
    }
}
