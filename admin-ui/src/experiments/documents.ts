import { graphql } from '../gql';

export const ExperimentListQuery = graphql(`
  query ExperimentList($projectKey: String!) {
    experiments(projectKey: $projectKey) {
      id
      key
      name
      status
      flagKey
      environment
      primaryMetric
      bandit {
        intervalMinutes
      }
      startedAt
      version
    }
    metrics(projectKey: $projectKey) {
      id
      key
      name
      kind
      source
      eventName
      denominatorEvent
      windowHours
      direction
      capPercentile
      version
    }
  }
`);

export const ExperimentFieldsFragment = graphql(`
  fragment ExperimentFields on Experiment {
    id
    key
    name
    hypothesis
    status
    flagKey
    environment
    arms {
      variation
      weight
    }
    randomisationUnit
    audience {
      segmentKey
    }
    primaryMetric
    guardrailMetrics
    plannedSampleSize
    plannedDurationDays
    bandit {
      burnInUnitsPerArm
      minimumShare
      intervalMinutes
    }
    serving {
      ruleId
      salt
      weights {
        variation
        weight
      }
    }
    weightHistory {
      period
      startsAt
      weights {
        variation
        weight
      }
      actor
      reason
      statistics {
        phase
        summary
        arms {
          variation
          probabilityBest
          posteriorMean
        }
      }
    }
    startedAt
    stoppedAt
    shippedArm
    decision
    version
  }
`);

export const ResultFieldsFragment = graphql(`
  fragment ResultFields on ExperimentResults {
    computedAt
    verdict
    switchedUnits
    rejectedEvents
    exposures {
      arm
      units
      observedShare
      expectedShare
    }
    srm {
      chiSquare
      degreesOfFreedom
      pValue
      threshold
      untrustworthy
    }
    metrics {
      key
      name
      role
      kind
      direction
      analysis
      cap
      cupedTheta
      varianceReduction
      minimumDetectableEffect
      arms {
        arm
        status
        reason
        units
        mean
        standardError
        absolute {
          estimate
          lower
          upper
          pValue
        }
        relative {
          estimate
          lower
          upper
          pValue
        }
        adjustedPValue
        verdict
        sequentialRelative {
          estimate
          lower
          upper
        }
        bayesian {
          chanceToBeatControl
          relativeEffect
          credibleLower
          credibleUpper
          expectedLossTreatment
          expectedLossControl
        }
      }
    }
  }
`);

export const ExperimentQuery = graphql(`
  query Experiment($projectKey: String!, $key: String!) {
    experiment(projectKey: $projectKey, key: $key) {
      ...ExperimentFields
    }
    experimentResults(projectKey: $projectKey, key: $key) {
      ...ResultFields
    }
    experimentResultHistory(projectKey: $projectKey, key: $key, last: 200) {
      computedAt
      metrics {
        key
        arms {
          arm
          status
          relative {
            estimate
            lower
            upper
          }
          sequentialRelative {
            lower
            upper
          }
        }
      }
    }
  }
`);

export const ExperimentPowerQuery = graphql(`
  query ExperimentPower($input: ExperimentPowerInput!) {
    experimentPower(input: $input) {
      sampleSizePerArm
      totalSampleSize
      minimumDetectableEffect
    }
  }
`);

export const CreateExperimentMutation = graphql(`
  mutation CreateExperiment($input: CreateExperimentInput!) {
    createExperiment(input: $input) {
      experiment {
        key
        version
      }
    }
  }
`);

export const DefineMetricMutation = graphql(`
  mutation DefineMetric($input: DefineMetricInput!) {
    defineMetric(input: $input) {
      metric {
        key
      }
    }
  }
`);

export const StartExperimentMutation = graphql(`
  mutation StartExperiment($input: ExperimentTransitionInput!) {
    startExperiment(input: $input) {
      experiment {
        ...ExperimentFields
      }
      changeRequest {
        id
      }
    }
  }
`);

export const StopExperimentMutation = graphql(`
  mutation StopExperiment($input: ExperimentTransitionInput!) {
    stopExperiment(input: $input) {
      experiment {
        ...ExperimentFields
      }
      changeRequest {
        id
      }
    }
  }
`);

export const ConcludeExperimentMutation = graphql(`
  mutation ConcludeExperiment($input: ConcludeExperimentInput!) {
    concludeExperiment(input: $input) {
      experiment {
        ...ExperimentFields
      }
    }
  }
`);
