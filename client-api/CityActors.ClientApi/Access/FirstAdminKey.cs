using CityActors.Grains;
using CityActors.Grains.Access;
using Microsoft.Extensions.Options;

namespace CityActors.ClientApi.Access;

/// <summary>On a city without keys and without a configured bootstrap key, creates one admin key and logs it once.</summary>
public sealed partial class FirstAdminKey(IGrainFactory grains, IOptions<ClientApiOptions> options, ILogger<FirstAdminKey> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.BootstrapAdminKey is not null)
            return;
        var access = grains.GetGrain<IAccessGrain>(options.Value.City);
        if (await access.HasKeysAsync())
            return;
        var created = await access.CreateKeyAsync(new ApiKeyRequest("first administrator", ApiRole.Admin),
            new ChangeContext("urn:cityactors:silo", "first-admin-key", "silo"));
        LogCreated(logger, created.Secret);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API keys yet: created the first admin key {Secret} . It is shown only now; keep it (cityctl --key …) and create others with 'cityctl keys create'.")]
    static partial void LogCreated(ILogger logger, string secret);
}
