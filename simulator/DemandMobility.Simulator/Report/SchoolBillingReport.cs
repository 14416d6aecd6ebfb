using System.Collections.Immutable;
using DemandMobility.Simulator.Demand;

namespace DemandMobility.Simulator.Report;

/// <summary>The school run's bill: one line per route and per pupil, under one tariff.</summary>
/// <param name="Tariff">The tariff applied.</param>
/// <param name="Routes">Vehicles that delivered pupils, by vehicle id.</param>
/// <param name="Pupils">Every pupil trip of the run, by trip id (unserved pupils cost nothing).</param>
public sealed record SchoolBillingReport(SchoolTariff Tariff, ImmutableArray<RouteBilling> Routes, ImmutableArray<PupilBilling> Pupils)
{
    /// <summary>Sum of the routes' costs, euro.</summary>
    public double TotalCost
    {
        get
        {
            // Summed in cents: every amount of the bill is a whole number of cents.
            long cents = 0;
            foreach (var r in Routes)
                cents += SchoolBilling.Cents(r.Cost);
            return cents / 100.0;
        }
    }

    /// <summary>Cost of routes that delivered no pupil (not split over pupils), euro.</summary>
    public double UnallocatedCost
    {
        get
        {
            long cents = 0;
            foreach (var r in Routes)
                if (r.Pupils == 0)
                    cents += SchoolBilling.Cents(r.Cost);
            return cents / 100.0;
        }
    }

    /// <summary>Pupils delivered.</summary>
    public int PupilsServed
    {
        get
        {
            int n = 0;
            foreach (var r in Routes)
                n += r.Pupils;
            return n;
        }
    }
}
