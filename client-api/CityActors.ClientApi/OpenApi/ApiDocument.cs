using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CityActors.ClientApi.OpenApi;

/// <summary>The OpenAPI document: title, the API key scheme, and examples in the city's own data.</summary>
public static class ApiDocument
{
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
                    + "Errors are RFC 9457 problem details.",
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
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] });
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var name = context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
            if (name is not null && Examples.Requests.TryGetValue(name, out var example) && operation.RequestBody?.Content is { } content)
            {
                foreach (var media in content.Values)
                    media.Example = JsonNode.Parse(example);
            }
            if (name is not null && Examples.Responses.TryGetValue(name, out var response) && operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content is { } okContent)
            {
                foreach (var media in okContent.Values)
                    media.Example = JsonNode.Parse(response);
            }
            return Task.CompletedTask;
        });
    }
}
