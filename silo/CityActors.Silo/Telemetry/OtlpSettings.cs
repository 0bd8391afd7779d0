namespace CityActors.Silo.Telemetry;

/// <summary>
/// Which OpenTelemetry signals to export, read from the standard <c>OTEL_*</c> variables: a signal is exported when an
/// OTLP endpoint is set for it (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or <c>OTEL_EXPORTER_OTLP_{TRACES|METRICS|LOGS}_ENDPOINT</c>)
/// and neither <c>OTEL_SDK_DISABLED=true</c> nor <c>OTEL_{TRACES|METRICS|LOGS}_EXPORTER=none</c> turns it off.
/// With none of them set nothing is exported and nothing is collected.
/// </summary>
/// <remarks>The endpoint, protocol, headers, service name and resource attributes are read by the OpenTelemetry SDK itself.</remarks>
public sealed record OtlpSettings(bool Traces, bool Metrics, bool Logs)
{
    public bool Any => Traces || Metrics || Logs;

    public static OtlpSettings FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (string.Equals(variable("OTEL_SDK_DISABLED"), "true", StringComparison.OrdinalIgnoreCase))
            return new OtlpSettings(false, false, false);
        var general = !string.IsNullOrWhiteSpace(variable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        return new OtlpSettings(Enabled("TRACES"), Enabled("METRICS"), Enabled("LOGS"));

        bool Enabled(string signal)
            => (general || !string.IsNullOrWhiteSpace(variable($"OTEL_EXPORTER_OTLP_{signal}_ENDPOINT")))
                && !string.Equals(variable($"OTEL_{signal}_EXPORTER"), "none", StringComparison.OrdinalIgnoreCase);
    }
}
