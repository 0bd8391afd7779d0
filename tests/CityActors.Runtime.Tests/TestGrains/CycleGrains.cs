
namespace CityActors.Runtime.Tests.TestGrains;

public interface ICycleGrain : IGrainWithStringKey
{
    /// <summary>Calls the grain named <c>path[index]</c>, which calls the next one, and so on; the last returns its key.</summary>
    Task<string> CallAlongAsync(string[] path, int index);

    [AlwaysInterleave]
    Task<string> NameAsync();

    /// <summary>Asks <paramref name="target"/> for its name.</summary>
    Task<string> AskNameAsync(string target);

    /// <summary>Asks <paramref name="via"/> to ask this grain for its name: a cycle that [AlwaysInterleave] allows.</summary>
    Task<string> AskOwnNameThroughAsync(string via);
}

public sealed class CycleGrain : Grain, ICycleGrain
{
    public async Task<string> CallAlongAsync(string[] path, int index)
    {
        if (index >= path.Length)
            return this.GetPrimaryKeyString();
        return await GrainFactory.GetGrain<ICycleGrain>(path[index]).CallAlongAsync(path, index + 1);
    }

    public Task<string> NameAsync() => Task.FromResult(this.GetPrimaryKeyString());

    public Task<string> AskNameAsync(string target) => GrainFactory.GetGrain<ICycleGrain>(target).NameAsync();

    public Task<string> AskOwnNameThroughAsync(string via) => GrainFactory.GetGrain<ICycleGrain>(via).AskNameAsync(this.GetPrimaryKeyString());
}
