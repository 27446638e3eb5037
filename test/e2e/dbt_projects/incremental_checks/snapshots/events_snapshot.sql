{% snapshot events_snapshot %}
{{ config(target_schema='chk_snap', unique_key='id', strategy='timestamp',
          updated_at='updated_at', file_format='iceberg') }}
select id, category, amount, updated_at from {{ ref('events') }}
{% endsnapshot %}
