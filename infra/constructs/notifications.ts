import { ArnFormat, CfnOutput, Stack } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { resourcePrefix, type StageConfig } from '../config.ts';

export interface NotificationsProps {
  readonly config: StageConfig;
}

/**
 * Email through SES: the domain identity of the sender (DKIM records are stack outputs, to add to the domain's
 * DNS) and a configuration set with reputation metrics and a CloudWatch event destination for bounces,
 * complaints, rejects and delivery delays. SMS through End User Messaging SMS (`sms-voice`): the origination
 * identity (pool, phone number or sender ID) is registered outside CloudFormation and taken from the
 * configuration; handlers are granted `sms-voice:SendTextMessage` on exactly that ARN.
 */
export class Notifications extends Construct {
  readonly emailIdentity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly emailIdentityArn: string;
  readonly configurationSetArn: string;
  readonly smsOriginationIdentityArn: string;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    const { config } = props;
    const stack = Stack.of(this);

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: resourcePrefix(config),
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
    });
    this.configurationSet.addEventDestination('Feedback', {
      destination: ses.EventDestination.cloudWatchDimensions([
        {
          name: 'ses:configuration-set',
          source: ses.CloudWatchDimensionSource.MESSAGE_TAG,
          defaultValue: resourcePrefix(config),
        },
      ]),
      events: [
        ses.EmailSendingEvent.BOUNCE,
        ses.EmailSendingEvent.COMPLAINT,
        ses.EmailSendingEvent.REJECT,
        ses.EmailSendingEvent.DELIVERY_DELAY,
        ses.EmailSendingEvent.RENDERING_FAILURE,
      ],
    });

    this.emailIdentity = new ses.EmailIdentity(this, 'EmailIdentity', {
      identity: ses.Identity.domain(config.sesIdentityDomain),
      configurationSet: this.configurationSet,
    });

    this.emailIdentityArn = stack.formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: config.sesIdentityDomain,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    this.configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const [resource, ...rest] = config.smsOriginationResource.split('/');
    this.smsOriginationIdentityArn = stack.formatArn({
      service: 'sms-voice',
      resource: resource ?? '',
      resourceName: rest.join('/'),
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });

    const dkim = [
      [this.emailIdentity.dkimDnsTokenName1, this.emailIdentity.dkimDnsTokenValue1],
      [this.emailIdentity.dkimDnsTokenName2, this.emailIdentity.dkimDnsTokenValue2],
      [this.emailIdentity.dkimDnsTokenName3, this.emailIdentity.dkimDnsTokenValue3],
    ] as const;
    dkim.forEach(([name, value], index) => {
      new CfnOutput(this, `DkimRecord${index + 1}`, {
        description: `CNAME to add to ${config.sesIdentityDomain}'s DNS for SES DKIM`,
        value: `${name} CNAME ${value}`,
      });
    });
  }
}
