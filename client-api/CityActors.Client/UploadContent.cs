using System.Net;

namespace CityActors.Client;

/// <summary>A request body of bytes that reports how many have been sent, for a progress bar.</summary>
sealed class UploadContent(byte[] content, IProgress<long>? sent) : HttpContent
{
    const int Chunk = 16 * 1024;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < content.Length; offset += Chunk)
        {
            var count = Math.Min(Chunk, content.Length - offset);
            await stream.WriteAsync(content.AsMemory(offset, count), cancellationToken);
            sent?.Report(offset + count);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = content.Length;
        return true;
    }
}
