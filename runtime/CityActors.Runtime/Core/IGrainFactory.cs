namespace CityActors.Runtime;

/// <summary>Creates grain references. A reference is cheap and activates nothing until it is called.</summary>
public interface IGrainFactory
{
    /// <summary>A reference to the grain of interface <typeparamref name="TGrainInterface"/> with this key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey;

    /// <summary>A reference to the grain with this id, seen through interface <typeparamref name="TGrainInterface"/>.</summary>
    TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable;

    /// <summary>Wraps a local object so that grains can call it back through <typeparamref name="TGrainObserverInterface"/>.</summary>
    /// <remarks>Calls to an observer run one at a time, in order, off the calling grain's turn.</remarks>
    TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj) where TGrainObserverInterface : IGrainObserver;
}
